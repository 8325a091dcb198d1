//! The port check against the real aws-sdk-ec2: `port-check-native ENDPOINT KEY SECRET VOLUME`.

#[path = "../../src/check.rs"]
mod check;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, endpoint, key, secret, volume] = args.as_slice() else {
        return Err("usage: port-check-native ENDPOINT KEY SECRET VOLUME".into());
    };
    let target = check::Target {
        endpoint,
        access_key_id: key,
        secret_access_key: secret,
        volume_id: volume,
    };
    for line in check::run(&target).await? {
        println!("{line}");
    }
    Ok(())
}
