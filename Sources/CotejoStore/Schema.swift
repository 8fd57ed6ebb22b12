import GRDB

/// The store's schema, as GRDB migrations. Each migration is applied once, in order; a store
/// written by an older Cotejo is brought up to date when opened.
///
/// Every derived row points to its document and the run that wrote it; every value that came
/// from the source file has rows in `sources` (page + box, XPath, sheet + cell, line …).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, documents, layout, records, findings, sources") { db in
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pipeline", .text).notNull()
                t.column("pipeline_version", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text)
                t.column("files_seen", .integer).notNull().defaults(to: 0)
                t.column("processed", .integer).notNull().defaults(to: 0)
                t.column("unchanged", .integer).notNull().defaults(to: 0)
                t.column("failed", .integer).notNull().defaults(to: 0)
                t.column("skipped", .integer).notNull().defaults(to: 0)
                t.column("seconds", .double)
            }
            try db.create(table: "documents") { t in
                t.autoIncrementedPrimaryKey("id")
                // Null only for a path that could not be read at all.
                t.column("sha256", .text).unique()
                t.column("path", .text).notNull().indexed()
                t.column("format", .text)
                t.column("byte_count", .integer).notNull().defaults(to: 0)
                t.column("pages", .integer).notNull().defaults(to: 0)
                t.column("status", .text).notNull()
                t.column("error", .text)
                t.column("notes", .text).notNull().defaults(to: "[]")
                t.column("pipeline_version", .text).notNull()
                t.column("run_id", .integer).notNull().references("runs")
                t.column("entity", .text)
                t.column("title", .text)
                t.column("kind", .text)
                t.column("year", .integer)
                t.column("processed_at", .text).notNull()
                t.column("seconds", .double)
            }
            try db.create(table: "pages") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("number", .integer).notNull()
                t.column("width", .double)
                t.column("height", .double)
                t.column("has_text", .boolean).notNull()
                t.column("images", .text).notNull().defaults(to: "[]")
                t.column("rulings", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "blocks") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("page", .integer).notNull()
                t.column("ordinal", .integer).notNull()
                t.column("role", .text).notNull()
                t.column("reason", .text)
                t.column("text", .text).notNull()
                t.column("source", .text).notNull()
            }
            // Full-text search over blocks, accents folded so "participacion" finds "participación".
            try db.create(virtualTable: "blocks_fts", using: FTS5()) { t in
                t.synchronize(withTable: "blocks")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("text")
            }
            try db.create(table: "doc_tables") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("pages", .text).notNull()
                t.column("row_count", .integer).notNull()
                t.column("column_count", .integer).notNull()
                t.column("header_rows", .integer).notNull()
            }
            try db.create(table: "cells") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("table_id", .integer).notNull().indexed().references("doc_tables", onDelete: .cascade)
                t.column("row", .integer).notNull()
                t.column("column", .integer).notNull()
                t.column("row_span", .integer).notNull()
                t.column("column_span", .integer).notNull()
                t.column("is_header", .boolean).notNull()
                t.column("text", .text).notNull()
                t.column("source", .text).notNull()
            }
            try db.create(table: "activities") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("item", .text)
                t.column("description", .text).notNull()
                t.column("unit", .text)
                t.column("phase", .text)
                t.column("start_date", .text)
                t.column("end_date", .text)
                t.column("responsible", .text)
                t.column("target", .text)
                t.column("target_quantity", .double)
                t.column("indicator", .text)
                t.column("periodicity", .text)
                t.column("planned", .double)
                t.column("executed", .double)
                t.column("reported_percent", .double)
                t.column("notes", .text).notNull().defaults(to: "[]")
            }
            try db.create(table: "totals") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("label", .text).notNull()
                t.column("planned", .double)
                t.column("executed", .double)
                t.column("reported_percent", .double)
                t.column("first_month", .integer)
                t.column("last_month", .integer)
            }
            try db.create(table: "commitments") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("period", .text).notNull()
                t.column("collected", .double)
                t.column("in_charge", .double)
                t.column("not_in_charge", .double)
            }
            try db.create(table: "findings") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("rule", .text).notNull().indexed()
                t.column("severity", .text).notNull()
                t.column("message", .text).notNull()
                t.column("message_en", .text).notNull()
                t.column("values", .text).notNull()
            }
            // One row per located value. `owner` names the table the value belongs to
            // ('document' for facts, 'activity', 'total', 'commitment', 'finding'); `field` the
            // column when the source is of one field ('planned', 'entity', …), null for the whole row.
            try db.create(table: "sources") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("owner", .text).notNull()
                t.column("owner_id", .integer).notNull()
                t.column("field", .text)
                t.column("ordinal", .integer).notNull()
                t.column("page", .integer)
                t.column("x0", .double)
                t.column("y0", .double)
                t.column("x1", .double)
                t.column("y1", .double)
                t.column("xpath", .text)
                t.column("sheet", .text)
                t.column("cell", .text)
                t.column("line", .integer)
                t.column("paragraph", .integer)
                t.column("tbl", .integer)
                t.column("row", .integer)
                t.column("col", .integer)
                t.column("text", .text).notNull()
            }
            try db.create(index: "sources_owner", on: "sources", columns: ["owner", "owner_id"])

            // Views for people who browse the store (Datasette, sqlite3).
            try db.execute(sql: """
                CREATE VIEW findings_with_sources AS
                SELECT d.path, d.entity, d.year, f.rule, f.severity, f.message, f."values",
                       s.page, s.x0, s.y0, s.x1, s.y1, s.xpath, s.sheet, s.cell, s.line, s.text AS source_text
                FROM findings f JOIN documents d ON d.id = f.document_id
                LEFT JOIN sources s ON s.owner = 'finding' AND s.owner_id = f.id AND s.field IS NULL;
                CREATE VIEW activities_by_entity AS
                SELECT d.entity, d.year, d.kind, COUNT(a.id) AS activities,
                       SUM(a.planned) AS planned, SUM(a.executed) AS executed,
                       ROUND(100.0 * SUM(a.executed) / NULLIF(SUM(a.planned), 0), 1) AS computed_percent
                FROM documents d LEFT JOIN activities a ON a.document_id = d.id
                WHERE d.status != 'failed'
                GROUP BY d.entity, d.year, d.kind;
                """)
        }
        // A run killed half way (kill -9, power loss) leaves its row without an end; the next run
        // marks it interrupted. Its documents are whole or absent: each was one transaction.
        migrator.registerMigration("v2: run status") { db in
            try db.alter(table: "runs") { t in
                t.add(column: "status", .text).notNull().defaults(to: "finished")
            }
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE finished_at IS NULL")
        }
        // More views for browsing, matching the report's figures: compliance computed over the
        // activities that state both planned and executed (as `cotejo compare` does).
        migrator.registerMigration("v2: views document_summary, findings_by_rule") { db in
            try db.execute(sql: """
                CREATE VIEW document_summary AS
                SELECT d.id, d.path, d.format, d.status, d.error, d.entity, d.year, d.kind, d.pages,
                       (SELECT COUNT(*) FROM activities a WHERE a.document_id = d.id) AS activities,
                       (SELECT SUM(a.planned) FROM activities a WHERE a.document_id = d.id AND a.planned IS NOT NULL AND a.executed IS NOT NULL) AS planned,
                       (SELECT SUM(a.executed) FROM activities a WHERE a.document_id = d.id AND a.planned IS NOT NULL AND a.executed IS NOT NULL) AS executed,
                       (SELECT ROUND(100.0 * SUM(a.executed) / NULLIF(SUM(a.planned), 0), 1) FROM activities a
                         WHERE a.document_id = d.id AND a.planned IS NOT NULL AND a.executed IS NOT NULL) AS computed_percent,
                       (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'error') AS errors,
                       (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'warning') AS warnings,
                       (SELECT COUNT(*) FROM findings f WHERE f.document_id = d.id AND f.severity = 'info') AS infos
                FROM documents d ORDER BY d.path;
                CREATE VIEW findings_by_rule AS
                SELECT f.rule, f.severity, COUNT(*) AS findings, COUNT(DISTINCT f.document_id) AS documents
                FROM findings f GROUP BY f.rule, f.severity;
                """)
        }
        // Real documents state an indicator's figures per period, and ratios beside their
        // activities: measures (kept with their sources as JSON on the activity), claims and the
        // TOTAL rows and columns of tables, whose sources go to `sources` like every other record's.
        migrator.registerMigration("v3: periods, claims, column sums") { db in
            try db.alter(table: "activities") { t in
                t.add(column: "code", .text)
                t.add(column: "unit_of_measure", .text)
                t.add(column: "baseline", .double)
                t.add(column: "weight", .double)
                t.add(column: "accumulated", .double)
                t.add(column: "measures", .text).notNull().defaults(to: "[]")
                t.add(column: "other_columns", .text).notNull().defaults(to: "{}")
            }
            try db.alter(table: "totals") { t in
                t.add(column: "period", .text)
                t.add(column: "restates", .text)
            }
            try db.create(table: "claims") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("label", .text).notNull()
                t.column("part", .double)
                t.column("whole", .double)
                t.column("from_value", .double)
                t.column("to_value", .double)
                t.column("reported_percent", .double)
                t.column("period", .text)
                t.column("restates", .text)
                t.column("notes", .text).notNull().defaults(to: "[]")
            }
            try db.create(table: "column_sums") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("document_id", .integer).notNull().indexed().references("documents", onDelete: .cascade)
                t.column("run_id", .integer).notNull().references("runs")
                t.column("ordinal", .integer).notNull()
                t.column("label", .text).notNull()
                t.column("total", .double).notNull()
                t.column("parts", .text).notNull()
                t.column("is_percent", .boolean).notNull()
                t.column("table_index", .integer)
            }
            try db.alter(table: "sources") { t in t.add(column: "formula", .text) }
        }
        // Cross-document findings point into another document than their own.
        migrator.registerMigration("v4: sources in other documents") { db in
            try db.alter(table: "sources") { t in t.add(column: "file", .text) }
        }
        // OCR: which pages and sources were read from images, how surely, and how a page was turned.
        migrator.registerMigration("v5: OCR and reading frames") { db in
            try db.alter(table: "sources") { t in
                t.add(column: "ocr", .boolean)
                t.add(column: "confidence", .double)
            }
            try db.alter(table: "pages") { t in
                t.add(column: "ocr", .boolean).notNull().defaults(to: false)
                t.add(column: "reading_frame", .text)
            }
        }
        // Retries: whether a failure may pass, and how many runs in a row have tried the bytes.
        migrator.registerMigration("v6: failure kinds and attempts") { db in
            try db.alter(table: "documents") { t in
                t.add(column: "failure_kind", .text)
                t.add(column: "attempts", .integer).notNull().defaults(to: 1)
            }
            try db.alter(table: "runs") { t in t.add(column: "retried", .integer).notNull().defaults(to: 0) }
            // Failures stored before kinds existed are tried once more.
            try db.execute(sql: "UPDATE documents SET failure_kind = 'transient' WHERE status = 'failed'")
        }
        // Every path a document was found at, and every input entry a run did not read.
        migrator.registerMigration("v7: document files, skipped entries") { db in
            try db.create(table: "document_files") { t in
                t.column("sha256", .text).notNull()
                t.column("path", .text).notNull()
                t.column("first_seen", .text).notNull()
                t.column("last_seen", .text).notNull()
                t.primaryKey(["sha256", "path"])
            }
            try db.execute(sql: """
                INSERT OR IGNORE INTO document_files (sha256, path, first_seen, last_seen)
                SELECT sha256, path, processed_at, processed_at FROM documents WHERE sha256 IS NOT NULL
                """)
            try db.create(table: "skipped_files") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("reason", .text).notNull()
            }
        }
        // Images inside a text page that OCR read: the words within them are OCR's, not the text layer's.
        migrator.registerMigration("v8: OCR regions") { db in
            try db.alter(table: "pages") { t in t.add(column: "ocr_regions", .text) }
        }
        // Text in the file that does not show on the page (white on white).
        migrator.registerMigration("v9: hidden text") { db in
            try db.alter(table: "sources") { t in t.add(column: "hidden", .boolean) }
        }
        // Datasette finds a table's full-text index only when the index names its content table in
        // double quotes (`content="blocks"`); GRDB writes single quotes, so `?_search=` matched
        // every row. The index is declared again by hand, same tokenizer and triggers, and rebuilt.
        // The browsing view gains every locator a source can have (DOCX paragraphs, table cells,
        // other files, formulas, OCR and hidden text), so no format's findings lose their place.
        migrator.registerMigration("v10: search Datasette detects, every locator in the views") { db in
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS "__blocks_fts_ai";
                DROP TRIGGER IF EXISTS "__blocks_fts_ad";
                DROP TRIGGER IF EXISTS "__blocks_fts_au";
                DROP TABLE IF EXISTS "blocks_fts";
                CREATE VIRTUAL TABLE "blocks_fts" USING fts5(text, tokenize='unicode61 remove_diacritics 2',
                    content="blocks", content_rowid="id");
                CREATE TRIGGER "__blocks_fts_ai" AFTER INSERT ON "blocks" BEGIN
                    INSERT INTO "blocks_fts"("rowid", "text") VALUES (new."id", new."text");
                END;
                CREATE TRIGGER "__blocks_fts_ad" AFTER DELETE ON "blocks" BEGIN
                    INSERT INTO "blocks_fts"("blocks_fts", "rowid", "text") VALUES('delete', old."id", old."text");
                END;
                CREATE TRIGGER "__blocks_fts_au" AFTER UPDATE ON "blocks" BEGIN
                    INSERT INTO "blocks_fts"("blocks_fts", "rowid", "text") VALUES('delete', old."id", old."text");
                    INSERT INTO "blocks_fts"("rowid", "text") VALUES (new."id", new."text");
                END;
                INSERT INTO "blocks_fts"("blocks_fts") VALUES('rebuild');
                DROP VIEW IF EXISTS findings_with_sources;
                CREATE VIEW findings_with_sources AS
                SELECT f.id AS finding_id, d.id AS document_id, d.path, d.entity, d.year, f.rule, f.severity, f.message, f."values",
                       s.page, s.x0, s.y0, s.x1, s.y1, s.xpath, s.sheet, s.cell, s.formula, s.line, s.paragraph,
                       s.tbl AS table_number, s.row, s.col AS "column", s.file AS other_file, s.ocr, s.confidence, s.hidden,
                       s.text AS source_text
                FROM findings f JOIN documents d ON d.id = f.document_id
                LEFT JOIN sources s ON s.owner = 'finding' AND s.owner_id = f.id AND s.field IS NULL;
                """)
        }
        // How a row's figures without headers were read (`FigureOrder`), settled by the record
        // stage: kept so that checks run again from the store read the rows as the first run did.
        migrator.registerMigration("v11: figure order") { db in
            try db.alter(table: "activities") { t in t.add(column: "figure_order", .text) }
        }
        // The two tables written by the hundred thousand lose AUTOINCREMENT: it makes SQLite read
        // and rewrite `sqlite_sequence` on every insert, a fifth of each row's cost. Their ids still
        // grow with every insert; one may come back only after the rows above it were deleted, and
        // no other row refers to a cell or a source by its id.
        migrator.registerMigration("v12: cells and sources without AUTOINCREMENT") { db in
            try rebuildWithoutAutoincrement(db, table: "cells")
            try rebuildWithoutAutoincrement(db, table: "sources")
        }
        return migrator
    }

    /// SQLite's own recipe for a change ALTER TABLE cannot make: a new table from the old one's
    /// definition, the rows copied, the old one dropped and the new one renamed, then its indexes
    /// made again. Views are dropped for the while and made again as they were (SQLite checks
    /// every view when a table is renamed, and theirs would name a table that is gone).
    private static func rebuildWithoutAutoincrement(_ db: Database, table: String) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]),
              let keyword = sql.range(of: " AUTOINCREMENT") else { return }
        let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                          arguments: [table])
        var definition = sql
        definition.removeSubrange(keyword)
        guard let name = definition.range(of: "\"\(table)\"") ?? definition.range(of: table) else { return }
        definition.replaceSubrange(name, with: "\"\(table)_new\"")
        let views = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view'")
        for view in views { try db.execute(sql: "DROP VIEW \"\(view["name"] as String)\"") }
        try db.execute(sql: definition)
        try db.execute(sql: "INSERT INTO \"\(table)_new\" SELECT * FROM \"\(table)\"")
        try db.execute(sql: "DROP TABLE \"\(table)\"")
        try db.execute(sql: "ALTER TABLE \"\(table)_new\" RENAME TO \"\(table)\"")
        for index in indexes { try db.execute(sql: index) }
        for view in views { try db.execute(sql: view["sql"] as String) }
    }
}
