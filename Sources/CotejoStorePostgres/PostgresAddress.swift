import Foundation

/// Where a PostgreSQL store is: a `postgresql://user[:password]@host[:port]/database` URL, as
/// libpq and every PostgreSQL tool take it. `--db` holds either this or a SQLite path.
public struct PostgresAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    /// Nil when `text` is not a PostgreSQL URL (a SQLite path, then).
    public init?(_ text: String) {
        guard Self.names(text), let url = URLComponents(string: text) else { return nil }
        host = url.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? "127.0.0.1"
        port = url.port ?? 5432
        user = url.user?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = url.password?.removingPercentEncoding
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
    }

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The address as a URL, password included, for libpq's tools (`psql`).
    public var url: String {
        let secret = password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
        return "postgresql://\(user)\(secret)@\(host):\(port)/\(database)"
    }

    /// The address without its password, for messages and logs.
    public var redacted: String { "postgresql://\(user)@\(host):\(port)/\(database)" }
}
