crate::client::types::snapshot_like!(
    /// The snapshot CreateSnapshot started.
    CreateSnapshotOutput
);
