/// One named step of a schema's history: an identifier that is recorded once applied, and the work.
///
/// Internal to `Migrator`, which keeps them in registration order.
struct Migration: Sendable {
    /// The unique name recorded in `tminus_migrations` once applied, e.g. `"0001-create-events"`.
    let identifier: String
    /// The schema change; runs inside the migrator's transaction on the given connection.
    let migrate: @Sendable (Connection) throws -> Void
}
