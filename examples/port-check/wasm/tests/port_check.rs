//! Runs the port check (../src/check.rs) on wasm32 against moto; the addresses and keys are baked in
//! at compile time by scripts/test-rust-wasm.sh.
#![cfg(target_arch = "wasm32")]

#[path = "../../src/check.rs"]
mod check;

use wasm_bindgen_test::wasm_bindgen_test;

fn setting(value: Option<&'static str>, name: &str) -> &'static str {
    value.unwrap_or_else(|| panic!("{name} is not set: run scripts/test-rust-wasm.sh"))
}

#[wasm_bindgen_test]
async fn port_check_against_moto() {
    let target = check::Target {
        endpoint: setting(option_env!("EC2_WASM_TEST_MOTO"), "EC2_WASM_TEST_MOTO"),
        access_key_id: setting(option_env!("EC2_WASM_TEST_KEY"), "EC2_WASM_TEST_KEY"),
        secret_access_key: setting(option_env!("EC2_WASM_TEST_SECRET"), "EC2_WASM_TEST_SECRET"),
        volume_id: setting(option_env!("EC2_WASM_TEST_VOLUME"), "EC2_WASM_TEST_VOLUME"),
    };
    let seen = check::run(&target)
        .await
        .unwrap_or_else(|e| panic!("port check: {e}"));
    for line in &seen {
        wasm_bindgen_test::console_log!("port check: {line}");
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert!(
        seen[0].starts_with("create: snap-") && seen[0].ends_with("tagged=true"),
        "{}",
        seen[0]
    );
    assert!(seen[1].ends_with("started=true"), "{}", seen[1]);
    assert!(seen[2].ends_with("found=true"), "{}", seen[2]);
    assert_eq!(seen[3], "wait: completed=true");
    assert_eq!(
        seen[4],
        "error: service=true code=InvalidVolume.NotFound same=true"
    );
}
