import GRDB
import GRDBSQLite

/// An INSERT whose values are bound with SQLite's own calls, one after another, and run with
/// `sqlite3_step`: a workbook writes hundreds of thousands of cells and sources, and building
/// GRDB's `StatementArguments` for each (a boxed value per column, array copies, a closure per
/// binding) cost more instructions than SQLite's insert itself.
///
/// GRDB still prepares, caches and finalizes the statement; it runs inside a GRDB write
/// transaction and never changes the transaction's state, which is what GRDB's bookkeeping
/// around its own steps is for. Every parameter is bound before each `run`.
struct DirectInsert {
    private let statement: Statement
    private let handle: SQLiteStatement
    private var index: Int32 = 1

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    /// SQLite copies what it is given (`SQLITE_TRANSIENT`): the bytes need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private mutating func next(_ code: Int32) {
        // Binding fails only for an index out of range or no memory: a programming error.
        precondition(code == SQLITE_OK, "binding parameter \(index) of \(statement.sql): SQLite code \(code)")
        index += 1
    }

    mutating func null() { next(sqlite3_bind_null(handle, index)) }

    mutating func int(_ v: Int?) {
        guard let v else { return null() }
        next(sqlite3_bind_int64(handle, index, Int64(v)))
    }

    mutating func int64(_ v: Int64) { next(sqlite3_bind_int64(handle, index, v)) }

    mutating func double(_ v: Double?) {
        guard let v else { return null() }
        next(sqlite3_bind_double(handle, index, v))
    }

    mutating func bool(_ v: Bool?) { int(v.map { $0 ? 1 : 0 }) }

    mutating func text(_ v: String?) {
        guard var v else { return null() }
        next(v.withUTF8 { bindText($0) })
    }

    /// UTF-8 text already written as bytes (`JSONBytes`).
    mutating func text(bytes: [UInt8]) {
        next(bytes.withUnsafeBufferPointer { bindText($0) })
    }

    private func bindText(_ u: UnsafeBufferPointer<UInt8>) -> Int32 {
        // An empty buffer may have no address, and a null pointer binds NULL, not "".
        guard let base = u.baseAddress, !u.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, nil) }
        return base.withMemoryRebound(to: CChar.self, capacity: u.count) {
            sqlite3_bind_text(handle, index, $0, Int32(u.count), Self.transient)
        }
    }

    mutating func value(_ v: DatabaseValue) {
        switch v.storage {
        case .null: null()
        case .int64(let i): int64(i)
        case .double(let d): double(d)
        case .string(let s): text(s)
        case .blob(let data):
            let code = data.withUnsafeBytes { b in
                b.isEmpty ? sqlite3_bind_zeroblob(handle, index, 0) : sqlite3_bind_blob(handle, index, b.baseAddress, Int32(b.count), Self.transient)
            }
            next(code)
        }
    }

    /// Runs the statement with the values bound since the last run, and readies it for the next.
    mutating func run(_ db: Database) throws {
        precondition(index - 1 == sqlite3_bind_parameter_count(handle), "\(index - 1) values bound for \(statement.sql)")
        index = 1
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }
}
