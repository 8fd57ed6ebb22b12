import Foundation
import Logging
import PostgresNIO

/// A value bound to a query's `$n`.
enum SQLValue: Sendable {
    case null
    case integer(Int64)
    case double(Double)
    case boolean(Bool)
    case text(String)
    case texts([String])
}

/// One connection to PostgreSQL, used from ordinary threads: each call waits for its answer.
/// The batch runs on threads of its own (one per job), not on Swift's concurrency pool, so
/// blocking one of them while PostgresNIO works on its event loop starves nothing.
///
/// Rows come back as text (the queries cast what they select), which is how both stores agree on
/// a value: PostgreSQL prints a double in the fewest digits that read back the same, as SQLite does.
final class PostgresSession: @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    let address: PostgresAddress

    init(_ address: PostgresAddress) throws {
        self.address = address
        var quiet = Logger(label: "cotejo.postgres")
        quiet.logLevel = .error
        let logger = quiet
        self.logger = logger
        let configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: .disable)
        do {
            connection = try Self.wait { try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger) }
        } catch {
            throw PostgresProblem(address: address, error: error)
        }
    }

    deinit {
        let connection = connection
        _ = try? Self.wait { try await connection.close() }
    }

    /// Runs `body` on Swift's concurrency pool and waits for it on this thread.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Runs a statement; its rows, if any, are dropped.
    func execute(_ sql: String, _ values: [SQLValue] = []) throws {
        _ = try rows(sql, values)
    }

    /// The rows of a query, each column read as text (nil for NULL): cast in the SQL what is not text.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [[String?]] {
        let query = try PostgresQuery(unsafeSQL: sql, binds: Self.bindings(values))
        let connection = connection, logger = logger
        do {
            return try Self.wait {
                var out: [[String?]] = []
                for try await row in try await connection.query(query, logger: logger) {
                    var fields: [String?] = []
                    for cell in row { fields.append(try cell.decode(String?.self)) }
                    out.append(fields)
                }
                return out
            }
        } catch {
            throw PostgresProblem(address: address, error: error)
        }
    }

    /// The first column of the first row.
    func value(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        try rows(sql, values).first?.first ?? nil
    }

    /// Streams rows into `table` with `COPY … FROM STDIN`, in COPY's text format (`CopyRows`).
    func copy(into table: String, columns: [String], rows: CopyRows) throws {
        guard rows.count > 0 else { return }
        let connection = connection, logger = logger, chunks = rows.chunks
        do {
            try Self.wait {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    for chunk in chunks { try await writer.write(chunk) }
                }
            }
        } catch {
            throw PostgresProblem(address: address, error: error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private static func bindings(_ values: [SQLValue]) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .double(let v): binds.append(v)
            case .boolean(let v): binds.append(v)
            case .text(let v): binds.append(v)
            case .texts(let v): binds.append(v)
            }
        }
        return binds
    }
}

/// Where a query's answer waits for the thread that asked.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// Rows in COPY's text format, gathered in chunks of about a megabyte: columns split by tabs,
/// NULL as `\N`, and a backslash, tab, newline or carriage return inside a value escaped.
struct CopyRows {
    private(set) var chunks: [ByteBuffer] = []
    private(set) var count = 0
    private var buffer = ByteBuffer()

    mutating func append(_ row: [String?]) {
        for (k, value) in row.enumerated() {
            if k > 0 { buffer.writeStaticString("\t") }
            if let value { buffer.writeString(Self.escape(value)) } else { buffer.writeStaticString("\\N") }
        }
        buffer.writeStaticString("\n")
        count += 1
        if buffer.readableBytes > 1 << 20 { flush() }
    }

    /// Closes the last chunk; call before handing the rows on.
    mutating func flush() {
        guard buffer.readableBytes > 0 else { return }
        chunks.append(buffer)
        buffer = ByteBuffer()
    }

    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for ch in value.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// A PostgreSQL store that could not be reached or refused a statement, said for people.
public struct PostgresProblem: Error, CustomStringConvertible, Sendable {
    public var address: String
    public var detail: String

    init(address: PostgresAddress, error: Error) {
        self.address = address.redacted
        if let problem = error as? PostgresProblem { detail = problem.detail; return }
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                detail = message
            } else if psql.code == .connectionError {
                // "Connection refused", "no such host": what the socket said, not the driver's code.
                detail = "no connection: " + (psql.underlying.map { "\($0)" } ?? "the server does not answer")
            } else {
                detail = "\(psql.code)"
            }
        } else {
            detail = "\(error)"
        }
    }

    init(address: PostgresAddress, detail: String) {
        self.address = address.redacted
        self.detail = detail
    }

    public var description: String { "\(address): \(detail)" }
}
