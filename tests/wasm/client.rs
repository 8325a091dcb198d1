//! The Rust client on wasm32 (feature `client`), run by wasm-bindgen-test-runner in Node and in headless
//! Chromium by `scripts/test-rust-wasm.sh`, against moto with signature checks on (through a CORS proxy)
//! and a stub for the faults moto cannot make (503s, pages, pending and failed snapshots, a response
//! that never comes). The script
//! bakes the servers' addresses and moto's keys in at compile time; without them every test fails.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use ec2_wasm::client::Waiters;
use ec2_wasm::config::{BehaviorVersion, Credentials, Region};
use ec2_wasm::error::{ProvideErrorMetadata, SdkError};
use ec2_wasm::types::{Filter, ResourceType, SnapshotState, Tag, TagSpecification};
use ec2_wasm::waiters::snapshot_completed::SnapshotCompletedFluentBuilder;
use ec2_wasm::waiters::WaiterError;
use ec2_wasm::{Client, Config};
use wasm_bindgen_test::wasm_bindgen_test;

/// A setting the script passes at compile time.
fn setting(value: Option<&'static str>, name: &str) -> &'static str {
    value.unwrap_or_else(|| panic!("{name} is not set: run scripts/test-rust-wasm.sh"))
}

fn moto() -> &'static str {
    setting(option_env!("EC2_WASM_TEST_MOTO"), "EC2_WASM_TEST_MOTO")
}
fn stub() -> &'static str {
    setting(option_env!("EC2_WASM_TEST_STUB"), "EC2_WASM_TEST_STUB")
}
fn volume() -> &'static str {
    setting(option_env!("EC2_WASM_TEST_VOLUME"), "EC2_WASM_TEST_VOLUME")
}
fn access_key() -> &'static str {
    setting(option_env!("EC2_WASM_TEST_KEY"), "EC2_WASM_TEST_KEY")
}
fn secret_key() -> &'static str {
    setting(option_env!("EC2_WASM_TEST_SECRET"), "EC2_WASM_TEST_SECRET")
}

fn client_for(endpoint: &str, secret: &str) -> Client {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(access_key(), secret, None, None, "test"))
        .endpoint_url(endpoint)
        .build();
    Client::from_conf(config)
}

fn moto_client() -> Client {
    client_for(moto(), secret_key())
}

/// A stub scenario with its own request log: `http://stub/<scenario>/<unique id>`.
fn stub_scenario(scenario: &str) -> (Client, String) {
    let id = format!("{scenario}-{}", js_sys::Math::random().to_bits());
    let client = client_for(&format!("{}/{scenario}/{id}", stub()), "stub-secret");
    (client, id)
}

/// What the stub recorded for scenario id `id`: one line per request (its `amz-sdk-request` header,
/// then the form body).
async fn stub_log(id: &str) -> Vec<String> {
    use wasm_bindgen::JsCast;
    let fetch: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"fetch".into())
        .unwrap()
        .unchecked_into();
    let url = format!("{}/log/{id}", stub());
    let p: js_sys::Promise = fetch
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &url.into())
        .unwrap()
        .unchecked_into();
    let res: web_sys::Response = wasm_bindgen_futures::JsFuture::from(p)
        .await
        .unwrap()
        .unchecked_into();
    let text = wasm_bindgen_futures::JsFuture::from(res.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    text.lines().map(str::to_owned).collect()
}

/// Resolves after `ms` milliseconds (`setTimeout`).
async fn sleep(ms: f64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
                .unwrap()
                .into();
        set_timeout
            .call2(&wasm_bindgen::JsValue::UNDEFINED, &resolve, &ms.into())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// `work`, or `None` if it has not ended after `ms` milliseconds: a test's own bound, so that a wait
/// that never ends fails the test quickly instead of holding the runner.
async fn bounded<F: std::future::Future>(ms: f64, work: F) -> Option<F::Output> {
    use std::future::Future;
    use std::task::Poll;
    let mut work = std::pin::pin!(work);
    let mut late = std::pin::pin!(sleep(ms));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if late.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

const DESCRIPTION: &str = "rust ✓ — ü/日本 (a+b)=100% & more!*'";

#[wasm_bindgen_test]
async fn create_snapshot_against_moto() {
    let out = moto_client()
        .create_snapshot()
        .volume_id(volume())
        .description(DESCRIPTION)
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Snapshot)
                .tags(Tag::builder().key("Name").value("wasm ✓ test").build())
                .tags(
                    Tag::builder()
                        .key("team/ü")
                        .value("a+b=c & d;e,f %20 ~*'()")
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .expect("CreateSnapshot");
    let id = out.snapshot_id().expect("snapshot_id");
    assert!(id.starts_with("snap-"), "{id}");
    assert_eq!(out.volume_id(), Some(volume()));
    assert_eq!(out.description(), Some(DESCRIPTION));
    let tags: Vec<(Option<&str>, Option<&str>)> =
        out.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert!(
        tags.contains(&(Some("Name"), Some("wasm ✓ test"))),
        "{tags:?}"
    );
    assert!(
        tags.contains(&(Some("team/ü"), Some("a+b=c & d;e,f %20 ~*'()"))),
        "{tags:?}"
    );
    let start = out.start_time().expect("start_time");
    // moto stamps the snapshot with its clock: within a day of ours.
    let now = js_sys::Date::now() / 1000.0;
    assert!((start.as_secs_f64() - now).abs() < 86_400.0, "{start}");
}

#[wasm_bindgen_test]
async fn describe_snapshots_finds_the_created_one() {
    let client = moto_client();
    let created = client
        .create_snapshot()
        .volume_id(volume())
        .description("describe me")
        .send()
        .await
        .expect("CreateSnapshot");
    let id = created.snapshot_id().unwrap().to_owned();
    let out = client
        .describe_snapshots()
        .snapshot_ids(&id)
        .send()
        .await
        .expect("DescribeSnapshots");
    assert_eq!(out.snapshots().len(), 1);
    let s = &out.snapshots()[0];
    assert_eq!(s.snapshot_id(), Some(id.as_str()));
    assert_eq!(s.volume_id(), Some(volume()));
    assert_eq!(s.description(), Some("describe me"));
    assert!(s.state().is_some());
    assert!(s.start_time().is_some());
}

#[wasm_bindgen_test]
async fn paginator_items_across_moto() {
    let client = moto_client();
    let mut ids = Vec::new();
    for i in 0..3 {
        let out = client
            .create_snapshot()
            .volume_id(volume())
            .description(format!("page {i}"))
            .send()
            .await
            .expect("CreateSnapshot");
        ids.push(out.snapshot_id().unwrap().to_owned());
    }
    let mut items = client
        .describe_snapshots()
        .filters(Filter::builder().name("volume-id").values(volume()).build())
        .into_paginator()
        .items()
        .send();
    let mut seen = Vec::new();
    while let Some(s) = items.next().await {
        seen.push(s.expect("page").snapshot_id().unwrap().to_owned());
    }
    for id in &ids {
        assert!(seen.contains(id), "{id} not in {seen:?}");
    }
}

#[wasm_bindgen_test]
async fn paginator_follows_next_token() {
    let (client, id) = stub_scenario("pages");
    let pages: Vec<_> = client
        .describe_snapshots()
        .owner_ids("self")
        .into_paginator()
        .send()
        .collect::<Vec<_>>()
        .await;
    assert_eq!(pages.len(), 2);
    let page1 = pages[0].as_ref().expect("page 1");
    assert_eq!(page1.next_token(), Some("tok-2"));
    assert_eq!(page1.snapshots().len(), 2);
    assert!(pages[1].as_ref().expect("page 2").next_token().is_none());
    let items: Result<Vec<_>, _> = client
        .describe_snapshots()
        .owner_ids("self")
        .into_paginator()
        .items()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect();
    let ids: Vec<String> = items
        .expect("items")
        .iter()
        .map(|s| s.snapshot_id().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["snap-p1", "snap-p2", "snap-p3"]);
    let log = stub_log(&id).await;
    // Two pages per listing; the second request of each carries the token.
    assert_eq!(log.len(), 4, "{log:?}");
    assert!(!log[0].contains("NextToken"), "{}", log[0]);
    assert!(log[1].contains("NextToken=tok-2"), "{}", log[1]);
}

#[wasm_bindgen_test]
async fn waiter_succeeds_on_a_completed_snapshot() {
    let client = moto_client();
    let created = client
        .create_snapshot()
        .volume_id(volume())
        .send()
        .await
        .expect("CreateSnapshot");
    let id = created.snapshot_id().unwrap();
    let done = client
        .wait_until_snapshot_completed()
        .snapshot_ids(id)
        .wait(Duration::from_secs(60))
        .await
        .expect("waiter");
    let out = done.into_result().expect("final poll");
    assert_eq!(out.snapshots()[0].state(), Some(&SnapshotState::Completed));
}

/// The waiter for the stub's `snap-p1`, polling every 50 to 100 ms.
fn quick_waiter(client: &Client) -> SnapshotCompletedFluentBuilder {
    client
        .wait_until_snapshot_completed()
        .snapshot_ids("snap-p1")
        .min_delay(Duration::from_millis(50))
        .max_delay(Duration::from_millis(100))
}

#[wasm_bindgen_test]
async fn waiter_times_out_while_pending() {
    let (client, id) = stub_scenario("pending");
    let started = js_sys::Date::now();
    let err = quick_waiter(&client)
        .wait(Duration::from_millis(600))
        .await
        .expect_err("a pending snapshot cannot complete");
    let elapsed = js_sys::Date::now() - started;
    match err {
        WaiterError::ExceededMaxWait(e) => assert!(e.poll_count() >= 2, "{}", e.poll_count()),
        other => panic!("expected ExceededMaxWait, got {other:?}"),
    }
    // It stops before a sleep would pass the deadline (slack for a busy machine).
    assert!(elapsed < 600.0 + 3000.0, "{elapsed} ms");
    assert!(stub_log(&id).await.len() >= 2);
}

/// A poll whose response never comes ends the wait at `max_wait` (not whenever the response would
/// come) with the same `ExceededMaxWait`, and its request is aborted: the stub sees it close.
#[wasm_bindgen_test]
async fn waiter_ends_a_hanging_poll_at_max_wait() {
    let (client, id) = stub_scenario("hang");
    let started = js_sys::Date::now();
    let wait = quick_waiter(&client).wait(Duration::from_millis(800));
    let err = bounded(10_000.0, wait)
        .await
        .expect("the wait is still running 10 s after its 800 ms max_wait")
        .expect_err("no response ever comes");
    let elapsed = js_sys::Date::now() - started;
    match err {
        WaiterError::ExceededMaxWait(e) => {
            assert_eq!(e.poll_count(), 1);
            assert_eq!(e.max_wait(), Duration::from_millis(800));
            assert!(
                e.elapsed() >= Duration::from_millis(780),
                "{:?}",
                e.elapsed()
            );
        }
        other => panic!("expected ExceededMaxWait, got {other:?}"),
    }
    // At the deadline, not before it (timers may fire a little early) and not long after.
    assert!((780.0..800.0 + 2000.0).contains(&elapsed), "{elapsed} ms");
    let mut log = stub_log(&id).await;
    for _ in 0..40 {
        if log.len() > 1 {
            break;
        }
        sleep(50.0).await;
        log = stub_log(&id).await;
    }
    assert_eq!(
        log.len(),
        2,
        "one poll, then its connection closed: {log:?}"
    );
    assert_eq!(log[1], "closed");
}

#[wasm_bindgen_test]
async fn waiter_stops_on_an_error_snapshot() {
    let (client, _) = stub_scenario("failed");
    let err = client
        .wait_until_snapshot_completed()
        .snapshot_ids("snap-p1")
        .wait(Duration::from_secs(60))
        .await
        .expect_err("a snapshot in error fails the wait");
    match err {
        WaiterError::FailureState(f) => {
            assert_eq!(
                f.final_poll().snapshots()[0].state(),
                Some(&SnapshotState::Error)
            )
        }
        other => panic!("expected FailureState, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn service_error_has_code_and_message() {
    let err = moto_client()
        .create_snapshot()
        .volume_id("vol-0000000000000dead")
        .send()
        .await
        .expect_err("no such volume");
    assert!(matches!(err, SdkError::ServiceError(_)), "{err:?}");
    assert_eq!(err.code(), Some("InvalidVolume.NotFound"));
    let message = err.message().unwrap_or_default().to_owned();
    assert!(
        message.contains("vol-0000000000000dead"),
        "{message:?} {:?}",
        err.raw_response()
            .map(|r| String::from_utf8_lossy(r.body()).into_owned())
    );
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
    let service = err.into_service_error();
    assert_eq!(service.code(), Some("InvalidVolume.NotFound"));
    assert_eq!(service.message(), Some(&*message));
    assert!(service.meta().extra("request_id").is_some());
    assert!(
        service.to_string().contains("InvalidVolume.NotFound"),
        "{service}"
    );
}

#[wasm_bindgen_test]
async fn wrong_secret_is_refused_by_moto() {
    // Proves moto checks signatures: the same call with another secret fails.
    let err = client_for(moto(), "not-the-secret")
        .describe_snapshots()
        .owner_ids("self")
        .send()
        .await
        .expect_err("bad signature");
    assert_eq!(err.code(), Some("AuthFailure"), "{err:?}");
}

#[wasm_bindgen_test]
async fn retries_503_then_succeeds() {
    let (client, id) = stub_scenario("flaky");
    let out = client
        .describe_snapshots()
        .snapshot_ids("snap-p1")
        .send()
        .await
        .expect("third attempt succeeds");
    assert_eq!(out.snapshots()[0].snapshot_id(), Some("snap-p1"));
    let log = stub_log(&id).await;
    let attempts: Vec<&str> = log
        .iter()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        attempts,
        ["attempt=1;max=3", "attempt=2;max=3", "attempt=3;max=3"],
        "{log:?}"
    );
}

#[wasm_bindgen_test]
async fn gives_up_after_three_503s() {
    let (client, id) = stub_scenario("down");
    let err = client
        .describe_snapshots()
        .send()
        .await
        .expect_err("always 503");
    assert_eq!(err.code(), Some("ServiceUnavailable"));
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(503));
    assert_eq!(stub_log(&id).await.len(), 3);
}

#[wasm_bindgen_test]
async fn bad_input_names_the_field_and_sends_nothing() {
    let (client, id) = stub_scenario("pending");
    let err = client
        .create_snapshot()
        .description("no volume")
        .send()
        .await
        .expect_err("VolumeId is required");
    match &err {
        SdkError::ConstructionFailure(_) => {}
        other => panic!("expected ConstructionFailure, got {other:?}"),
    }
    let message = std::error::Error::source(&err).unwrap().to_string();
    assert!(message.starts_with("VolumeId:"), "{message}");
    let err = client
        .create_snapshot()
        .volume_id("vol-1")
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Snapshot)
                .tags(Tag::builder().key("a").value("x".repeat(300_000)).build())
                .build(),
        )
        .send()
        .await;
    // Whatever the core decides about a long value, it is never a panic; an error names the field.
    if let Err(SdkError::ConstructionFailure(_)) = &err {
        let m = std::error::Error::source(err.as_ref().unwrap_err())
            .unwrap()
            .to_string();
        assert!(m.contains("TagSpecifications"), "{m}");
    }
    assert!(stub_log(&id).await.len() <= 1);
}

#[wasm_bindgen_test]
async fn bad_region_and_missing_credentials_are_errors() {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1.evil.com"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
        .build();
    let err = Client::from_conf(config)
        .describe_snapshots()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)), "{err:?}");
    let config = Config::builder().region(Region::new("us-east-1")).build();
    let err = Client::from_conf(config)
        .describe_snapshots()
        .send()
        .await
        .unwrap_err();
    let m = std::error::Error::source(&err).unwrap().to_string();
    assert!(m.contains("credentials"), "{m}");
}

#[wasm_bindgen_test]
fn client_is_send_sync_clone_like_the_sdks() {
    fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
    check::<Client>();
    check::<Config>();
}

#[wasm_bindgen_test]
fn debug_output_redacts_secrets() {
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "AKIDVISIBLE",
            "very-secret-key",
            Some("session-token-secret".into()),
            None,
            "test",
        ))
        .build();
    let client = Client::from_conf(config.clone());
    for text in [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{:?}", config.to_builder()),
    ] {
        assert!(!text.contains("very-secret-key"), "{text}");
        assert!(!text.contains("session-token-secret"), "{text}");
        assert!(text.contains("AKIDVISIBLE"), "{text}");
    }
}

/// The secret scan of the npm package (tests/js/secrets.test.mjs), for the Rust client: on every path a
/// call can end — success, a service error from moto, a wrong signature, 503s until the retries give up,
/// a failed snapshot, a wait past max_wait, a hanging poll, bad input — neither the secret key nor the
/// session token appears in the error's or output's `Debug` or `Display`, its `source()` chain, the raw
/// response, or the client's and config's `Debug`.
#[wasm_bindgen_test]
async fn secrets_stay_out_of_every_outcome() {
    const SECRET_MARK: &str = "SecretMARKER";
    const TOKEN_MARK: &str = "TokenMARKER";
    let secret = format!("{}/{SECRET_MARK}+9d", secret_key());
    let token = format!("IQoJb3JpZ2luX2Vj/{TOKEN_MARK}==");
    let client_at = |endpoint: &str, secret: &str| {
        Client::from_conf(
            Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new(
                    access_key(),
                    secret,
                    Some(token.clone()),
                    None,
                    "test",
                ))
                .endpoint_url(endpoint)
                .build(),
        )
    };
    let stub_at = |scenario: &str| {
        let id = format!("{scenario}-{}", js_sys::Math::random().to_bits());
        client_at(&format!("{}/{scenario}/{id}", stub()), &secret)
    };
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut record = |what: &str, err: &dyn std::error::Error, debug: String| {
        let mut texts = vec![debug, err.to_string()];
        let mut source = err.source();
        while let Some(s) = source {
            texts.push(s.to_string());
            texts.push(format!("{s:?}"));
            source = s.source();
        }
        for t in texts {
            seen.push((what.to_owned(), t));
        }
    };

    // moto: a wrong signature (the secret itself is wrong), and a service error with the right one
    let wrong = format!("{}-wrong/{SECRET_MARK}", secret_key());
    let err = client_at(moto(), &wrong)
        .describe_snapshots()
        .send()
        .await
        .expect_err("bad signature");
    assert_eq!(err.code(), Some("AuthFailure"));
    let raw = err
        .raw_response()
        .map(|r| format!("{r:?} {}", String::from_utf8_lossy(r.body())));
    record("AuthFailure", &err, format!("{err:?} {raw:?}"));
    let moto_client = client_at(moto(), secret_key());
    let err = moto_client
        .create_snapshot()
        .volume_id("vol-0000000000000dead")
        .send()
        .await
        .expect_err("no such volume");
    record("service error", &err, format!("{err:?}"));
    let service = err.into_service_error();
    record(
        "service error (into_service_error)",
        &service,
        format!("{service:?}"),
    );

    // the stub: 503s until the retries give up, a failed snapshot, a wait past max_wait, a hanging poll
    let err = stub_at("down")
        .describe_snapshots()
        .send()
        .await
        .expect_err("always 503");
    record("503 ×3", &err, format!("{err:?}"));
    let err = stub_at("failed")
        .wait_until_snapshot_completed()
        .snapshot_ids("snap-p1")
        .wait(Duration::from_secs(60))
        .await
        .expect_err("a snapshot in error");
    record("failed snapshot", &err, format!("{err:?}"));
    for scenario in ["pending", "hang"] {
        let err = quick_waiter(&stub_at(scenario))
            .wait(Duration::from_millis(400))
            .await
            .expect_err("never completes");
        record(scenario, &err, format!("{err:?}"));
    }
    // bad input: nothing is sent
    let err = moto_client
        .create_snapshot()
        .send()
        .await
        .expect_err("VolumeId is required");
    record("bad input", &err, format!("{err:?}"));
    // success: the output, the client and its config
    let out = stub_at("pages")
        .describe_snapshots()
        .send()
        .await
        .expect("a page");
    seen.push(("output".into(), format!("{out:?}")));
    seen.push(("client".into(), format!("{moto_client:?}")));
    seen.push(("config".into(), format!("{:?}", moto_client.config())));

    assert!(seen.len() > 20, "{}", seen.len());
    let needles = [
        secret.as_str(),
        secret_key(),
        token.as_str(),
        SECRET_MARK,
        TOKEN_MARK,
    ];
    for (what, text) in &seen {
        for needle in needles {
            assert!(!text.contains(needle), "{what} shows a secret: {text:.300}");
        }
    }
}
