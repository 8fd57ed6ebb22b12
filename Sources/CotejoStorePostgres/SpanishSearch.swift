import Foundation
import CotejoModel
import CotejoStore

/// Full-text search in PostgreSQL's own engine: a Spanish configuration (Snowball's Spanish
/// stemmer, so "participaciones" finds "participación") with `unaccent` before it, so a query
/// typed without accents finds the accented words documents print.
enum SpanishSearch {
    static let configuration = "cotejo_spanish"

    static let statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '\(configuration)') THEN
                CREATE TEXT SEARCH CONFIGURATION \(configuration) (COPY = pg_catalog.spanish);
                ALTER TEXT SEARCH CONFIGURATION \(configuration) ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
            END IF;
        END $$
        """,
        "CREATE INDEX IF NOT EXISTS blocks_search ON blocks USING GIN (to_tsvector('\(configuration)', text))",
    ]
}

extension PostgresStore {
    /// Blocks whose text matches every word of `text` (web-search syntax: "quoted phrases", -not,
    /// or), with the matched words in [brackets]. The stemmer takes "participaciones" to
    /// "particip", which "participativo" shares: blocks that hold the words as typed (accents and
    /// case aside) come first, then the rest by rank. Furniture is left out unless asked.
    public func search(_ text: String, limit: Int = 50, includeFurniture: Bool = false) throws -> [SearchHit] {
        let c = SpanishSearch.configuration
        return try session.rows("""
            SELECT d.path, b.page::text, b.role, b.source,
                   ts_headline('\(c)', b.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…')
            FROM blocks b JOIN documents d ON d.id = b.document_id, websearch_to_tsquery('\(c)', $1) q
            WHERE to_tsvector('\(c)', b.text) @@ q \(includeFurniture ? "" : "AND b.role <> 'furniture'")
            ORDER BY strpos(lower(unaccent(b.text)), lower(unaccent($1))) = 0, ts_rank(to_tsvector('\(c)', b.text), q) DESC,
                     d.path, b.page, b.ordinal LIMIT $2
            """, [.text(text), .integer(Int64(limit))]).map { row in
            SearchHit(path: row[0] ?? "", page: Int(row[1] ?? "0") ?? 0, role: row[2] ?? "body", snippet: row[4] ?? "",
                      source: Store.decode(Source.self, row[3]))
        }
    }
}
