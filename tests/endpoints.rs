//! Endpoint resolution against botocore's 54 official EC2 endpoint cases (one `#[test]` each), the
//! partition table in `partitions.json`, and inputs that try to steer a signed request elsewhere.

use std::sync::OnceLock;

use ec2_wasm::endpoint::{resolve, EndpointParams, ResolvedEndpoint};
use ec2_wasm::ErrorKind;
use serde_json::Value;

/// Number of cases in `endpoint-tests-1.json` at the vendored botocore commit.
const OFFICIAL_CASES: usize = 54;

fn vector(name: &str) -> Value {
    let path = format!(
        "{}/tests/vectors/endpoints/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn cases() -> &'static [Value] {
    static CASES: OnceLock<Value> = OnceLock::new();
    CASES.get_or_init(|| vector("endpoint-tests-1.json"))["testCases"]
        .as_array()
        .expect("testCases array")
}

/// Runs official case `index`; `name` is the test's name, which must mention a regional case's region.
fn run_case(index: usize, name: &str) {
    let case = &cases()[index];
    let doc = case["documentation"].as_str().unwrap();
    let empty = serde_json::Map::new();
    let params = case
        .get("params")
        .map_or(&empty, |p| p.as_object().unwrap());
    for key in params.keys() {
        assert!(
            ["Region", "UseFIPS", "UseDualStack", "Endpoint"].contains(&key.as_str()),
            "case {index}: unknown parameter {key}"
        );
    }
    let region = params.get("Region").map(|v| v.as_str().unwrap());
    if let (Some(r), true) = (region, doc.starts_with("For region ")) {
        assert!(
            name.contains(&r.replace('-', "_")),
            "test {name} runs case {index} ({doc})"
        );
    }
    let input = EndpointParams {
        region,
        // Both flags are `required` with `default: false` in the rule set.
        use_fips: params.get("UseFIPS").is_some_and(|v| v.as_bool().unwrap()),
        use_dual_stack: params
            .get("UseDualStack")
            .is_some_and(|v| v.as_bool().unwrap()),
        endpoint: params.get("Endpoint").map(|v| v.as_str().unwrap()),
    };
    let got = resolve(&input);
    let expect = &case["expect"];
    if let Some(message) = expect.get("error") {
        let err = got.expect_err(doc);
        assert_eq!(
            err.message(),
            message.as_str().unwrap(),
            "case {index}: {doc}"
        );
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    } else {
        let endpoint = &expect["endpoint"];
        for extra in ["properties", "headers"] {
            assert!(
                endpoint
                    .get(extra)
                    .is_none_or(|v| v.as_object().unwrap().is_empty()),
                "case {index}: {extra} not modelled"
            );
        }
        let got = got.unwrap_or_else(|e| panic!("case {index} ({doc}): {e}"));
        let want = ResolvedEndpoint {
            url: endpoint["url"].as_str().unwrap().to_owned(),
            signing_region: region.unwrap_or("").to_owned(),
            signing_name: "ec2",
        };
        assert_eq!(got, want, "case {index}: {doc}");
    }
}

macro_rules! official_cases {
    ($($name:ident => $index:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_case($index, stringify!($name));
            }
        )*
        /// Every index the tests above run.
        const COVERED: &[usize] = &[$($index),*];
    };
}

official_cases! {
    case_00_af_south_1 => 0,
    case_01_ap_east_1 => 1,
    case_02_ap_northeast_1 => 2,
    case_03_ap_northeast_2 => 3,
    case_04_ap_northeast_3 => 4,
    case_05_ap_south_1 => 5,
    case_06_ap_south_1_dualstack => 6,
    case_07_ap_southeast_1 => 7,
    case_08_ap_southeast_2 => 8,
    case_09_ap_southeast_3 => 9,
    case_10_ca_central_1 => 10,
    case_11_ca_central_1_fips => 11,
    case_12_eu_central_1 => 12,
    case_13_eu_north_1 => 13,
    case_14_eu_south_1 => 14,
    case_15_eu_west_1 => 15,
    case_16_eu_west_1_dualstack => 16,
    case_17_eu_west_2 => 17,
    case_18_eu_west_3 => 18,
    case_19_me_south_1 => 19,
    case_20_sa_east_1 => 20,
    case_21_sa_east_1_dualstack => 21,
    case_22_us_east_1 => 22,
    case_23_us_east_1_fips => 23,
    case_24_us_east_1_dualstack => 24,
    case_25_us_east_2 => 25,
    case_26_us_east_2_fips => 26,
    case_27_us_east_2_dualstack => 27,
    case_28_us_west_1 => 28,
    case_29_us_west_1_fips => 29,
    case_30_us_west_2 => 30,
    case_31_us_west_2_fips => 31,
    case_32_us_west_2_dualstack => 32,
    case_33_us_east_1_fips_dualstack => 33,
    case_34_cn_north_1 => 34,
    case_35_cn_northwest_1 => 35,
    case_36_cn_north_1_fips_dualstack => 36,
    case_37_cn_north_1_fips => 37,
    case_38_cn_north_1_dualstack => 38,
    case_39_us_gov_east_1 => 39,
    case_40_us_gov_west_1 => 40,
    case_41_us_gov_east_1_fips_dualstack => 41,
    case_42_us_gov_east_1_fips => 42,
    case_43_us_gov_east_1_dualstack => 43,
    case_44_us_iso_east_1 => 44,
    case_45_us_iso_west_1 => 45,
    case_46_us_iso_east_1_fips => 46,
    case_47_us_isob_east_1 => 47,
    case_48_us_isob_east_1_fips => 48,
    case_49_custom_endpoint_with_region => 49,
    case_50_custom_endpoint_without_region => 50,
    case_51_custom_endpoint_with_fips => 51,
    case_52_custom_endpoint_with_dualstack => 52,
    case_53_missing_region => 53,
}

#[test]
fn every_official_case_has_its_own_test() {
    assert_eq!(
        cases().len(),
        OFFICIAL_CASES,
        "endpoint-tests-1.json changed: add tests for the new cases"
    );
    let mut covered = COVERED.to_vec();
    covered.sort_unstable();
    assert_eq!(covered, (0..OFFICIAL_CASES).collect::<Vec<_>>());
}

// ---- the partition table ----

fn region(r: &str, use_fips: bool, use_dual_stack: bool) -> Result<String, String> {
    let params = EndpointParams {
        region: Some(r),
        use_fips,
        use_dual_stack,
        endpoint: None,
    };
    resolve(&params)
        .map(|e| e.url)
        .map_err(|e| e.message().to_owned())
}

/// The three URLs a region resolves to (plain, FIPS, dual-stack), which together tell every partition
/// apart (`aws` and `aws-us-gov` share DNS suffixes but differ for FIPS).
fn urls(r: &str) -> [Result<String, String>; 4] {
    [
        region(r, false, false),
        region(r, true, false),
        region(r, false, true),
        region(r, true, true),
    ]
}

/// The same URLs worked out from a partition's `outputs` in `partitions.json` by the rule set's logic.
fn urls_from_json(r: &str, outputs: &Value) -> [Result<String, String>; 4] {
    let s = |k: &str| outputs[k].as_str().unwrap().to_owned();
    let fips = outputs["supportsFIPS"].as_bool().unwrap();
    let dual = outputs["supportsDualStack"].as_bool().unwrap();
    let (dns, dual_dns) = (s("dnsSuffix"), s("dualStackDnsSuffix"));
    [
        Ok(format!("https://ec2.{r}.{dns}")),
        match (fips, s("name") == "aws-us-gov") {
            (true, true) => Ok(format!("https://ec2.{r}.amazonaws.com")),
            (true, false) => Ok(format!("https://ec2-fips.{r}.{dns}")),
            (false, _) => Err("FIPS is enabled but this partition does not support FIPS".into()),
        },
        if dual {
            Ok(format!("https://ec2.{r}.{dual_dns}"))
        } else {
            Err("DualStack is enabled but this partition does not support DualStack".into())
        },
        if fips && dual {
            Ok(format!("https://ec2-fips.{r}.{dual_dns}"))
        } else {
            Err(
                "FIPS and DualStack are enabled, but this partition does not support one or both"
                    .into(),
            )
        },
    ]
}

fn partition_outputs(id: &str) -> Value {
    let table = vector("partitions.json");
    let p = table["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id);
    p.unwrap_or_else(|| panic!("no partition {id}"))["outputs"].clone()
}

#[test]
fn every_region_in_partitions_json_resolves_in_its_partition() {
    let table = vector("partitions.json");
    let partitions = table["partitions"].as_array().unwrap();
    let ids: Vec<&str> = partitions
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "aws",
            "aws-cn",
            "aws-eusc",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f",
            "aws-us-gov"
        ]
    );
    for p in partitions {
        for r in p["regions"].as_object().unwrap().keys() {
            assert_eq!(
                urls(r),
                urls_from_json(r, &p["outputs"]),
                "region {r} of {}",
                p["id"]
            );
        }
    }
}

#[test]
fn region_regexes_route_unlisted_regions() {
    // Each matches exactly one `regionRegex` of partitions.json and is in no `regions` list.
    for (r, id) in [
        ("us-north-9", "aws"),
        ("mx-south-12", "aws"),
        ("il-x9-1", "aws"),
        ("cn-south-7", "aws-cn"),
        ("eusc-de-west-2", "aws-eusc"),
        ("us-iso-north-3", "aws-iso"),
        ("us-isob-west-9", "aws-iso-b"),
        ("eu-isoe-north-2", "aws-iso-e"),
        ("us-isof-west-5", "aws-iso-f"),
        ("us-gov-north-9", "aws-us-gov"),
    ] {
        assert_eq!(
            urls(r),
            urls_from_json(r, &partition_outputs(id)),
            "{r} belongs to {id}"
        );
    }
}

#[test]
fn other_valid_region_names_fall_back_to_aws() {
    // Valid host labels that match no `regionRegex` and no `regions` entry: `aws.partition` answers `aws`.
    let aws = partition_outputs("aws");
    for r in [
        "cn-north",
        "cn-north-1a",
        "eusc-fr-east-1",
        "us-iso-east",
        "us-isoz-east-1",
        "xx-east-1",
        "useast1",
        "US-EAST-1",
        "local",
        "fips-us-gov-west-1",
        "aws-cn-global-1",
        &"a".repeat(63),
    ] {
        assert_eq!(urls(r), urls_from_json(r, &aws), "{r}");
    }
}

#[test]
fn global_pseudo_regions_follow_their_explicit_entries() {
    assert_eq!(
        region("aws-cn-global", false, false).unwrap(),
        "https://ec2.aws-cn-global.amazonaws.com.cn"
    );
    assert_eq!(
        region("aws-us-gov-global", true, false).unwrap(),
        "https://ec2.aws-us-gov-global.amazonaws.com"
    );
    assert_eq!(
        region("aws-iso-b-global", false, false).unwrap(),
        "https://ec2.aws-iso-b-global.sc2s.sgov.gov"
    );
}

// ---- hostile and malformed input ----

fn err(params: &EndpointParams<'_>) -> String {
    let e = resolve(params).expect_err("must be rejected");
    assert_eq!(e.kind(), ErrorKind::InvalidConfig);
    e.message().to_owned()
}

const BAD_REGIONS: &[&str] = &[
    "us-east-1.evil.com",
    "US-EAST-1.EVIL.COM",
    "evil.com",
    "a/b",
    "us-east-1/",
    "user@host",
    "us-east-1:443",
    "us-east-1?x=1",
    "us-east-1#",
    "us-east-1%2eevil.com",
    "us-east-1\\evil",
    "",
    " ",
    " us-east-1",
    "us-east-1 ",
    "us-east-1\n",
    "\tus-east-1",
    "us_east_1",
    "-us-east-1",
    "us-east-1-",
    "us-east-\u{0131}",
    "ｕｓ-east-1",
];

#[test]
fn regions_that_are_not_host_labels_are_rejected() {
    let long = "a".repeat(64);
    for &r in BAD_REGIONS.iter().chain([long.as_str()].iter()) {
        for (use_fips, use_dual_stack) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let message = err(&EndpointParams {
                region: Some(r),
                use_fips,
                use_dual_stack,
                endpoint: None,
            });
            assert_eq!(
                message,
                format!("Invalid Configuration: Region {r:?} is not a valid host label")
            );
        }
    }
}

#[test]
fn bad_region_is_rejected_with_a_custom_endpoint_too() {
    // It would become the SigV4 signing region.
    for &r in BAD_REGIONS {
        let message = err(&EndpointParams {
            region: Some(r),
            endpoint: Some("https://example.com"),
            ..Default::default()
        });
        assert!(
            message.starts_with("Invalid Configuration: Region "),
            "{r:?}: {message}"
        );
    }
}

#[test]
fn error_message_quotes_at_most_64_characters_of_a_region() {
    let r = "x.".repeat(10_000);
    let message = err(&EndpointParams {
        region: Some(&r),
        ..Default::default()
    });
    assert_eq!(
        message,
        format!(
            "Invalid Configuration: Region {:?} is not a valid host label",
            &r[..64]
        )
    );
}

fn endpoint(url: &str) -> Result<ResolvedEndpoint, String> {
    let params = EndpointParams {
        region: Some("us-west-2"),
        endpoint: Some(url),
        ..Default::default()
    };
    resolve(&params).map_err(|e| {
        assert_eq!(e.kind(), ErrorKind::InvalidConfig);
        e.message().to_owned()
    })
}

#[test]
fn custom_endpoints_that_could_reach_another_host_are_rejected() {
    let cases: &[(&str, &str)] = &[
        ("", "must be an absolute http:// or https:// URL"),
        ("example.com", "must be an absolute http:// or https:// URL"),
        (
            "//example.com",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "ftp://example.com",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "javascript:alert(1)",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "https:example.com",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "https:/example.com",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "file:///etc/passwd",
            "must be an absolute http:// or https:// URL",
        ),
        (
            " https://example.com",
            "must be an absolute http:// or https:// URL",
        ),
        (
            "https://",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https:///evil.com",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://:443",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://%65vil.com",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://[::1",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://[]:443",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://[evil.com]",
            "must have a host that is a DNS name or an IP address",
        ),
        (
            "https://user@example.com",
            "must not contain userinfo (user@host)",
        ),
        (
            "https://user:secret@example.com/",
            "must not contain userinfo (user@host)",
        ),
        (
            "https://example.com@evil.com",
            "must not contain userinfo (user@host)",
        ),
        (
            "https://good.com\\@evil.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://good.com\\evil.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://exa\tmple.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://exa\nmple.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://exa mple.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://example.com ",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        (
            "https://ex\u{0430}mple.com",
            "must not contain spaces, control characters, backslashes or non-ASCII characters",
        ),
        ("https://example.com#@evil.com", "must not have a fragment"),
        ("https://example.com/#frag", "must not have a fragment"),
        ("https://example.com?x=1", "must not have a query string"),
        (
            "https://example.com/?@evil.com",
            "must not have a query string",
        ),
        (
            "https://example.com:",
            "must have a port from 0 to 65535 after ':'",
        ),
        (
            "https://example.com:99999",
            "must have a port from 0 to 65535 after ':'",
        ),
        (
            "https://example.com:+80",
            "must have a port from 0 to 65535 after ':'",
        ),
        (
            "https://example.com:80:80",
            "must have a port from 0 to 65535 after ':'",
        ),
        (
            "https://example.com:80evil.com",
            "must have a port from 0 to 65535 after ':'",
        ),
        (
            "https://[::1]evil.com",
            "must have a port from 0 to 65535 after ':'",
        ),
    ];
    for (url, why) in cases {
        let message = endpoint(url).expect_err(url);
        assert_eq!(
            message,
            format!("Invalid Configuration: Endpoint {why}"),
            "{url:?}"
        );
        assert!(
            !message.contains("secret"),
            "the message must not echo the URL"
        );
    }
}

#[test]
fn custom_endpoints_pass_through_without_a_trailing_slash() {
    for (url, want) in [
        ("https://example.com", "https://example.com"),
        ("https://example.com/", "https://example.com"),
        (
            "https://example.com/proxy/ec2/",
            "https://example.com/proxy/ec2",
        ),
        ("http://localhost:4566", "http://localhost:4566"),
        ("http://127.0.0.1:4566/", "http://127.0.0.1:4566"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("https://[::ffff:10.0.0.1]", "https://[::ffff:10.0.0.1]"),
        ("HTTPS://EC2.Example.COM", "HTTPS://EC2.Example.COM"),
        (
            "https://vpce-0a1b-c2d3.ec2.us-west-2.vpce.amazonaws.com",
            "https://vpce-0a1b-c2d3.ec2.us-west-2.vpce.amazonaws.com",
        ),
        (
            "https://my_host.internal:65535/a%20b",
            "https://my_host.internal:65535/a%20b",
        ),
    ] {
        let got = endpoint(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(
            got,
            ResolvedEndpoint {
                url: want.into(),
                signing_region: "us-west-2".into(),
                signing_name: "ec2"
            }
        );
    }
}

#[test]
fn custom_endpoint_without_region_signs_with_an_empty_region() {
    // The rule set returns the endpoint (official case 50); the signer rejects the empty region later.
    let got = resolve(&EndpointParams {
        endpoint: Some("https://example.com"),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(got.signing_region, "");
}

#[test]
fn rule_set_checks_fips_and_dual_stack_before_the_endpoint_url() {
    let params = EndpointParams {
        region: Some("us-east-1"),
        use_fips: true,
        endpoint: Some("not a url"),
        ..Default::default()
    };
    assert_eq!(
        err(&params),
        "Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    let params = EndpointParams {
        region: None,
        use_dual_stack: true,
        endpoint: Some("not a url"),
        ..Default::default()
    };
    assert_eq!(
        err(&params),
        "Invalid Configuration: Dualstack and custom endpoint are not supported"
    );
}

#[test]
fn missing_region_wins_over_flags() {
    for (use_fips, use_dual_stack) in [(false, false), (true, false), (false, true), (true, true)] {
        let params = EndpointParams {
            use_fips,
            use_dual_stack,
            ..Default::default()
        };
        assert_eq!(err(&params), "Invalid Configuration: Missing Region");
    }
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the region string, a resolved URL's host is `ec2[-fips].<that region>.<known suffix>`.
        #[test]
        fn resolved_host_is_always_the_region_under_a_partition_suffix(
            r in "[a-zA-Z0-9._/@:?#% \\-\u{0}\u{7f}\u{e9}]{0,70}",
            use_fips: bool,
            use_dual_stack: bool,
        ) {
            let params = EndpointParams { region: Some(&r), use_fips, use_dual_stack, endpoint: None };
            if let Ok(e) = resolve(&params) {
                let host = e.url.strip_prefix("https://").unwrap();
                let suffix = host
                    .strip_prefix(if use_fips && !host.starts_with("ec2.") { "ec2-fips." } else { "ec2." })
                    .and_then(|h| h.strip_prefix(r.as_str()))
                    .and_then(|h| h.strip_prefix('.'))
                    .unwrap();
                prop_assert!(r.len() <= 63 && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
                prop_assert!(SUFFIXES.contains(&suffix), "{}", suffix);
                prop_assert_eq!(e.signing_region, r);
            }
        }

        /// Any accepted custom endpoint is returned as given up to trailing slashes.
        #[test]
        fn accepted_custom_endpoint_is_the_input(url in "(https?|HTTP)://[a-z0-9.:@\\[\\]/?#%\\\\ -]{0,30}") {
            if let Ok(e) = endpoint(&url) {
                prop_assert_eq!(e.url.as_str(), url.trim_end_matches('/'));
                let authority = url.split("://").nth(1).unwrap().split('/').next().unwrap();
                prop_assert!(!authority.is_empty() && !authority.contains('@'));
                prop_assert!(!url.contains(['?', '#', ' ', '\\']));
            }
        }
    }

    const SUFFIXES: &[&str] = &[
        "amazonaws.com",
        "api.aws",
        "amazonaws.com.cn",
        "api.amazonwebservices.com.cn",
        "amazonaws.eu",
        "api.amazonwebservices.eu",
        "c2s.ic.gov",
        "api.aws.ic.gov",
        "sc2s.sgov.gov",
        "api.aws.scloud",
        "cloud.adc-e.uk",
        "api.cloud-aws.adc-e.uk",
        "csp.hci.ic.gov",
        "api.aws.hci.ic.gov",
    ];
}
