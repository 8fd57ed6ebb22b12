// swift-tools-version:6.0
// Cotejo: reads Colombian public entities' plans and compliance reports, turns them into records
// and cross-checks every figure they state. Modules follow the pipeline's stages (see README).
import PackageDescription

let package = Package(
    name: "Cotejo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cotejo", targets: ["cotejo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libpoppler-glib-dev, libxml2-dev, libtesseract-dev).
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib",
                       providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        // OCR: Tesseract's C API and Leptonica (Debian: libtesseract-dev, tesseract-ocr-spa/eng/osd).
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]),
        // poppler's core C++ API (Debian: libpoppler-private-dev), for what poppler-glib does not
        // expose: the paths a page draws. CPopplerPaths wraps it in a small C interface.
        .systemLibrary(name: "CPopplerCore", pkgConfig: "poppler",
                       providers: [.apt(["libpoppler-private-dev"])]),
        .target(name: "CPopplerPaths", dependencies: ["CPopplerCore"]),

        // Value types every stage shares.
        .target(name: "CotejoModel"),
        // Spanish as public documents write it: numbers, dates, periods, number words, months, the
        // years a document can name, and the field's words for totals, targets and results.
        .target(name: "CotejoSpanish", dependencies: ["CotejoModel"]),
        // Stage 1: bytes → pages of positioned text, tables of cells, furniture marked.
        .target(name: "CotejoIngest", dependencies: [
            "CotejoModel", "CotejoSpanish", "CPoppler", "CPopplerPaths", "CLibXML2", "CTesseract",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Stage 2: tables from page layouts, stitched across pages.
        .target(name: "CotejoTables", dependencies: ["CotejoModel", "CotejoSpanish"]),
        // The arithmetic of stated figures: the precision a figure was written at, the readings of
        // an ambiguous one, whether a stated percentage or sum fits. Records settle a row's column
        // order with it; checks hold every claim to it.
        .target(name: "CotejoArithmetic", dependencies: ["CotejoModel", "CotejoSpanish"]),
        // Stage 3: the records of the export contract.
        .target(name: "CotejoRecords", dependencies: ["CotejoModel", "CotejoSpanish", "CotejoArithmetic"]),
        // Stage 4: cross-checks, one rule per file.
        .target(name: "CotejoChecks", dependencies: ["CotejoModel", "CotejoSpanish", "CotejoArithmetic"]),
        // Stage 5: SQLite store with provenance.
        .target(name: "CotejoStore", dependencies: [
            "CotejoModel", .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C interface, for the inserts bound without GRDB's argument values.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The shared store for many machines: PostgreSQL with the SQLite store's schema, a work
        // queue that processes claim documents from, and Spanish full-text search.
        .target(name: "CotejoStorePostgres", dependencies: [
            "CotejoModel", "CotejoStore", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // For test targets only: what tests look at in a store beyond its public API.
        .target(name: "CotejoStoreTesting", dependencies: ["CotejoStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Outputs: JSON export, CSV, HTML report.
        .target(name: "CotejoReport", dependencies: ["CotejoModel", "CotejoSpanish", "CotejoIngest", "CotejoStore"]),
        // Runs the stages over a corpus, per a pipelines/*.yaml definition, and writes its outputs.
        .target(name: "CotejoPipeline", dependencies: [
            "CotejoModel", "CotejoSpanish", "CotejoIngest", "CotejoTables", "CotejoRecords", "CotejoChecks",
            "CotejoStore", "CotejoStorePostgres", "CotejoReport",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "cotejo", dependencies: [
            "CotejoPipeline", "CotejoIngest", "CotejoStore", "CotejoStorePostgres", "CotejoReport", "CotejoModel", "CotejoChecks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The table benchmark runner (make bench-tables): page-mode tables, scored by the bench's score.py.
        .executableTarget(name: "cotejo-bench", dependencies: ["CotejoIngest", "CotejoTables", "CotejoModel"]),

        .testTarget(name: "CotejoIngestTests", dependencies: ["CotejoIngest", "CotejoModel", "CotejoTables", "CTesseract", "CLibXML2",
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    path: "Tests/CotejoIngestTests"),
        .testTarget(name: "CotejoSpanishTests", dependencies: ["CotejoSpanish", "CotejoModel"],
                    path: "Tests/CotejoSpanishTests"),
        .testTarget(name: "CotejoArithmeticTests", dependencies: ["CotejoArithmetic"],
                    path: "Tests/CotejoArithmeticTests"),
        .testTarget(name: "CotejoRecordsTests", dependencies: ["CotejoRecords", "CotejoSpanish", "CotejoModel"],
                    path: "Tests/CotejoRecordsTests"),
        .testTarget(name: "CotejoChecksTests", dependencies: ["CotejoChecks", "CotejoRecords", "CotejoSpanish", "CotejoArithmetic", "CotejoModel"],
                    path: "Tests/CotejoChecksTests"),
        .testTarget(name: "CotejoStoreTests", dependencies: ["CotejoStore", "CotejoStoreTesting", "CotejoModel",
                                                            .product(name: "GRDB", package: "GRDB.swift")],
                    path: "Tests/CotejoStoreTests"),
        .testTarget(name: "CotejoEndToEndTests", dependencies: [
            "CotejoPipeline", "CotejoStore", "CotejoStoreTesting", "CotejoStorePostgres", "CotejoReport", "CotejoModel", "CotejoIngest",
            .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Tests/CotejoEndToEndTests"),
        .testTarget(name: "CotejoReportTests", dependencies: [
            "CotejoReport", "CotejoStore", "CotejoModel", "CotejoPipeline", "CPoppler",
        ], path: "Tests/CotejoReportTests"),
        .testTarget(name: "CotejoTablesTests", dependencies: ["CotejoTables", "CotejoIngest", "CotejoModel"],
                    path: "Tests/CotejoTablesTests"),
    ],
    cxxLanguageStandard: .cxx17
)
