import Foundation
import CotejoModel
import CotejoIngest
import CotejoStore

/// File names inside the report folder. Names carry the file's stem and a SHA-256 prefix, so they
/// stay the same from one run to the next and two files named alike do not collide.
enum ReportNames {
    static func stem(_ d: StoredDocument) -> String {
        let base = URL(fileURLWithPath: d.path).lastPathComponent
        let slug = String(base.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
        let id = d.sha256.map { String($0.prefix(10)) } ?? "id\(d.id)"
        return "\(slug.prefix(40))-\(id)"
    }

    static func page(_ d: StoredDocument) -> String { "doc-\(stem(d)).html" }
    static func crop(_ d: StoredDocument, _ n: Int) -> String { "crops/\(stem(d))-\(n).png" }
    static func pageImage(_ d: StoredDocument, page: Int) -> String { "crops/\(stem(d))-page\(page).png" }
}

/// One document's page: its facts with their sources, its figures, its findings (each with the
/// crop of the page where its figures stand, or the quoted text with its locator), then the
/// activities, stated totals and commitments.
struct DocumentPage {
    var document: StoredDocument
    var words: Words
    /// The folder the report is written to (crops go under `crops/`).
    var folder: URL
    /// Opens the document's file for crops; nil for formats that are not PDF.
    var cropper: PageCropper?
    /// Why there is no cropper for a PDF (moved, changed, unreadable).
    var cropProblem: CropUnavailable?
    private(set) var cropsWritten = 0
    /// Whole-page images written so far, by page: one per page that holds findings, with every
    /// finding's figures on it highlighted, linked from each crop of that page.
    private var pageImages: [Int: String?] = [:]

    init(document: StoredDocument, words: Words, folder: URL, cropper: PageCropper?, cropProblem: CropUnavailable?) {
        self.document = document; self.words = words; self.folder = folder; self.cropper = cropper; self.cropProblem = cropProblem
    }

    static let maxCropsPerFinding = 4

    mutating func render() -> (title: String, body: String) {
        let d = document, w = words, f = d.records.facts
        let title = f.title ?? URL(fileURLWithPath: d.path).lastPathComponent
        var h = "<p class=\"small\"><a href=\"index.html\">← \(w("Todos los documentos", "All documents"))</a></p>"
        h += "<h1>\(escapeHTML(title))</h1>"
        h += "<p class=\"muted\"><span class=\"mono\">\(escapeHTML(d.path))</span> · \(escapeHTML(d.format?.rawValue.uppercased() ?? "?")) · "
        // What a page is called in the document's format ("hoja", "diapositiva"), as its reader says.
        let names = Readers.pageNames(of: d.format)
        let unit = d.pages == 1 ? (names.es.0, names.en.0) : (names.es.1, names.en.1)
        h += "\(d.pages) \(w(unit.0, unit.1)) · "
        h += "\(w("estado", "status")): <b>\(escapeHTML(w.status(d.status)))</b> · sha256 <span class=\"mono\">\(escapeHTML(String((d.sha256 ?? "—").prefix(16))))…</span></p>"
        if let e = d.error { h += "<div class=\"notice\">\(escapeHTML(e))</div>" }
        for n in d.notes { h += "<div class=\"notice small\">\(escapeHTML(n))</div>" }
        if Readers.format(d.format, has: .croppedInReport), let problem = cropProblem { h += "<div class=\"notice\">\(escapeHTML(problem.message(w)))</div>" }

        h += "<h2>\(w("Datos del documento", "Document facts"))</h2><table class=\"facts\">"
        let factRows: [(String, String, String)] = [
            ("entity", w("Entidad", "Entity"), f.entity ?? "—"), ("title", w("Título", "Title"), f.title ?? "—"),
            ("kind", w("Tipo", "Kind"), w.kind(f.kind)), ("year", w("Año", "Year"), f.year.map(String.init) ?? "—"),
        ]
        h += "<tr><th>\(w("Dato", "Fact"))</th><th>\(w("Valor", "Value"))</th><th>\(w("Dónde se lee", "Where it is read"))</th></tr>"
        for (key, label, value) in factRows {
            let src = f.sources[key].map { "\(escapeHTML(w.locator($0, format: d.format))): «\(escapeHTML(clip($0.text, 200)))»" } ?? "—"
            h += "<tr><td>\(label)</td><td>\(escapeHTML(value))</td><td class=\"small\">\(src)</td></tr>"
        }
        h += "</table>"

        let fig = DocumentFigures(d)
        h += "<h2>\(w("Cifras", "Figures"))</h2><table style=\"width:auto\">"
        h += "<tr><td>\(w("Actividades", "Activities"))</td><td class=\"num\">\(d.records.activities.count)</td></tr>"
        h += "<tr><td>\(w("con programado y ejecutado", "with planned and executed"))</td><td class=\"num\">\(fig.pairedActivities)</td></tr>"
        h += "<tr><td>Σ \(w("programado", "planned"))</td><td class=\"num\">\(w.number(fig.planned))</td></tr>"
        h += "<tr><td>Σ \(w("ejecutado", "executed"))</td><td class=\"num\">\(w.number(fig.executed))</td></tr>"
        h += "<tr><td>\(w("Cumplimiento recalculado", "Recomputed compliance"))</td><td class=\"num\">\(w.percent(fig.computedPercent))</td></tr>"
        h += "<tr><td title=\"\(w("Grupos de cifras que el documento declara (actividades con alguna cifra, totales, afirmaciones y sumas de columna) y cuántos se pudieron contrastar con algo", "Sets of figures the document states (activities with a figure, totals, claims and column sums) and how many could be held against something"))\">\(w("Cifras verificadas", "Figures checked"))</td><td class=\"num\">\(fig.checkedSets) \(w("de", "of")) \(fig.statedSets)</td></tr>"
        h += "<tr><td>\(w("Cumplimiento declarado", "Stated compliance"))\(fig.headline.map { " (" + escapeHTML($0.label) + ")" } ?? "")</td><td class=\"num\">\(w.percent(fig.statedPercent))</td></tr>"
        h += "</table>"

        h += "<h2 id=\"findings\">\(w("Hallazgos", "Findings")) (\(d.findings.count))</h2>"
        if d.findings.isEmpty {
            let checkable = fig.checkedSets
            let of = fig.statedSets > checkable ? w(" (de \(fig.statedSets) declarados)", " (of \(fig.statedSets) stated)") : ""
            let verdict = d.status == .failed ? w("El documento no se pudo leer: no hay hallazgos.", "The document could not be read: no findings.")
                : checkable == 0 ? w("Ningún hallazgo, pero tampoco se encontró ninguna cifra que verificar (ni actividades con programado y ejecutado, ni totales, porcentajes o sumas declarados): nada se comprobó.", "No findings, but no figure to check was found either (no activities with planned and executed, no stated totals, percentages or sums): nothing was checked.")
                : checkable == 1 ? w("Ningún hallazgo: el único grupo de cifras verificado\(of) cuadra.", "No findings: the one set of figures checked\(of) holds.")
                : w("Ningún hallazgo: los \(checkable) grupos de cifras verificados\(of) cuadran.", "No findings: the \(checkable) sets of figures checked\(of) hold.")
            h += "<p>\(verdict)</p>"
        } else {
            h += "<p>\(w.findingCounts(d.findings))</p>"
            if d.findings.count > 1 { h += w.filterBox(target: "findings-list", severities: Set(d.findings.map(\.severity))) }
            // Errors first, then warnings, then notes; the document's order within each.
            let ordered = d.findings.enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }
            h += "<div id=\"findings-list\">"
            for (i, x) in ordered { h += finding(x, number: i + 1) }
            h += "</div>"
        }
        h += activities()
        h += totals()
        h += commitments()
        return (title, h)
    }

    private mutating func finding(_ x: Finding, number: Int) -> String {
        let w = words
        var h = "<section class=\"finding \(x.severity.rawValue)\" id=\"f\(number)\">"
        h += "<div><span class=\"sev \(x.severity.rawValue)\">\(escapeHTML(w.severity(x.severity)))</span> <b>\(escapeHTML(w.ruleName(x.rule)))</b> <span class=\"mono muted\">\(escapeHTML(x.rule))</span></div>"
        h += "<p class=\"msg\">\(escapeHTML(x.message(in: w.language)))</p>"
        if !x.values.isEmpty {
            h += "<table class=\"values\"><tr><th>\(w("Valor", "Value"))</th><th>\(w("Dato", "Figure"))</th></tr>"
            for (k, v) in x.values.sorted(by: { $0.key < $1.key }) {
                let text: String
                switch v { case .number(let n): text = w.number(n); case .text(let s): text = s }
                h += "<tr><td title=\"\(escapeHTML(k))\">\(escapeHTML(w.valueName(k)))</td><td>\(escapeHTML(clip(text, 300)))</td></tr>"
            }
            h += "</table>"
        }
        h += "<div class=\"where\"><b>\(w("Dónde", "Where")):</b>"
        if x.source.isEmpty { h += " <span class=\"muted\">\(w("sin ubicación en el documento", "no location in the document"))</span>" }
        // PDF: one crop per page the figures stand on, boxes highlighted.
        if Readers.format(document.format, has: .croppedInReport) {
            var byPage: [Int: [BBox]] = [:]
            // Places in another document (a cross-document finding) are quoted, never cropped from this one.
            for s in x.source where s.file == nil { if let p = s.page, let b = s.bbox { byPage[p, default: []].append(b) } }
            for page in byPage.keys.sorted().prefix(Self.maxCropsPerFinding) {
                h += crop(page: page, boxes: byPage[page]!, finding: x)
            }
        }
        if !x.source.isEmpty {
            // The words as they stand in the source, with their locator: the only evidence for
            // formats without pages to crop, and the searchable text next to a crop.
            h += "<table class=\"quotes\"><tr><th>\(w("Texto en la fuente", "Text in the source"))</th><th>\(w("Ubicación", "Location"))</th></tr>"
            for s in x.source.prefix(12) {
                let other = s.file.map { (($0 as NSString).lastPathComponent) + ", " } ?? ""
                h += "<tr><td class=\"quote\">«\(escapeHTML(clip(s.text, 400)))»</td><td class=\"small muted\">\(escapeHTML(other + w.locator(s, format: document.format)))\(boxLabel(s))</td></tr>"
            }
            h += "</table>"
        }
        if x.source.count > 12 { h += "<p class=\"small muted\">… \(x.source.count - 12) \(w("ubicaciones más", "more places"))</p>" }
        h += "</div></section>"
        return h
    }

    private mutating func crop(page: Int, boxes: [BBox], finding: Finding) -> String {
        let w = words
        let caption = "<div class=\"small\"><b>\(w("Página", "Page")) \(page)</b></div>"
        guard let cropper else {
            return caption + "<div class=\"notice small\">\(escapeHTML((cropProblem ?? .unreadable("—")).message(w)))</div>"
        }
        // A page read turned has its boxes in the turned frame, and its size turned with them.
        let frame = document.readingFrames[page]
        guard let displayed = cropper.pageSize(page) else {
            return caption + "<div class=\"notice small\">\(w("La página no existe en el archivo: sin recorte.", "The page is not in the file: no crop."))</div>"
        }
        let size = (frame?.quarterTurns ?? 0) % 2 == 1 ? (displayed.1, displayed.0) : displayed
        guard let region = CropRegion.around(boxes, pageWidth: size.0, pageHeight: size.1) else {
            return caption + "<div class=\"notice small\">\(w("La página no existe en el archivo: sin recorte.", "The page is not in the file: no crop."))</div>"
        }
        cropsWritten += 1
        let name = ReportNames.crop(document, cropsWritten)
        let path = folder.appendingPathComponent(name).path
        guard let written = cropper.crop(page: page, region: region, boxes: boxes, frame: frame, to: path) else {
            return caption + "<div class=\"notice small\">\(w("No se pudo dibujar el recorte.", "The crop could not be drawn."))</div>"
        }
        let alt = w("Recorte de la página \(page) con las cifras del hallazgo resaltadas", "Crop of page \(page) with the finding's figures highlighted")
        let (shownWidth, shownHeight) = (written.shownWidth, written.shownHeight)
        var links = "<a href=\"\(escapeHTML(name))\">\(w("recorte a tamaño completo", "crop at full size"))</a>"
        if let whole = pageImage(page, frame: frame, size: size) {
            links += " · <a href=\"\(escapeHTML(whole))\">\(w("la página \(page) entera", "the whole of page \(page)"))</a>"
        }
        let linked = "<div class=\"small\"><b>\(w("Página", "Page")) \(page)</b> · \(links)</div>"
        // The crop opens at full size on click: small type in a dense table must be readable.
        return linked + "<div class=\"crop\"><a href=\"\(escapeHTML(name))\" title=\"\(w("Ver a tamaño completo", "View at full size"))\"><img src=\"\(escapeHTML(name))\" width=\"\(shownWidth)\" height=\"\(shownHeight)\" alt=\"\(escapeHTML(alt + " — " + finding.rule))\"></a></div>"
    }

    /// The whole page, every finding's figures on it highlighted, written the first time a crop of
    /// the page asks for it; nil when it cannot be drawn.
    private mutating func pageImage(_ page: Int, frame: ReadingFrame?, size: (Double, Double)) -> String? {
        if let known = pageImages[page] { return known }
        var boxes: [BBox] = []
        for f in document.findings { for s in f.source where s.file == nil && s.page == page { if let b = s.bbox { boxes.append(b) } } }
        let name = ReportNames.pageImage(document, page: page)
        let whole = BBox(x0: 0, y0: 0, x1: size.0, y1: size.1)
        let written = cropper?.crop(page: page, region: whole, boxes: boxes, frame: frame,
                                    to: folder.appendingPathComponent(name).path, maxPixels: 1800)
        pageImages[page] = written == nil ? String?.none : name
        return written == nil ? nil : name
    }

    /// The box in points, for whoever needs to find the words with a PDF tool: shown on hover, not
    /// in the text (the page and the crop say where they are).
    private func boxLabel(_ s: Source) -> String {
        guard let b = s.bbox?.rounded else { return "" }
        let coordinates = b.array.map { formatNumber($0, language: .en) }.joined(separator: ", ")
        return " <span title=\"\(words("recuadro en puntos", "box in points")): \(coordinates)\">▣</span>"
    }

    private func activities() -> String {
        let w = words, acts = document.records.activities
        guard !acts.isEmpty else { return "" }
        var h = "<h2>\(w("Actividades", "Activities")) (\(acts.count))</h2>" + (acts.count > 5 ? w.filterBox(target: "activities") : "")
            + "<table id=\"activities\" class=\"sortable\"><tr><th>#</th><th>\(w("Actividad", "Activity"))</th><th>\(w("Dependencia", "Unit"))</th><th>PHVA</th><th>\(w("Inicio", "Start"))</th><th>\(w("Fin", "End"))</th><th class=\"num\">\(w("Prog.", "Planned"))</th><th class=\"num\">\(w("Ejec.", "Executed"))</th><th class=\"num\">% \(w("decl.", "stated"))</th><th class=\"num\">% \(w("recalc.", "recomp."))</th><th>\(w("Fuente", "Source"))</th></tr>"
        for a in acts {
            let recomputed = a.planned.flatMap { p in p > 0 ? a.executed.map { 100 * $0 / p } : nil }
            h += "<tr><td>\(escapeHTML(a.item ?? ""))</td><td>\(escapeHTML(clip(a.description, 400)))</td><td>\(escapeHTML(a.unit ?? ""))</td><td>\(a.phase?.rawValue ?? "")</td><td>\(a.start?.description ?? "")</td><td>\(a.end?.description ?? "")</td><td class=\"num\">\(w.number(a.planned))</td><td class=\"num\">\(w.number(a.executed))</td><td class=\"num\">\(w.number(a.reportedPercent))</td><td class=\"num\">\(w.percent(recomputed))</td><td class=\"small muted\">\(sources(a.source))</td></tr>"
        }
        return h + "</table>"
    }

    private func totals() -> String {
        let w = words, totals = document.records.totals
        guard !totals.isEmpty else { return "" }
        var h = "<h2>\(w("Totales declarados", "Stated totals"))</h2><table><tr><th>\(w("Etiqueta", "Label"))</th><th class=\"num\">\(w("Programado", "Planned"))</th><th class=\"num\">\(w("Ejecutado", "Executed"))</th><th class=\"num\">% \(w("declarado", "stated"))</th><th class=\"num\">% \(w("recalculado", "recomputed"))</th><th>\(w("Fuente", "Source"))</th></tr>"
        for t in totals {
            let recomputed = t.planned.flatMap { p in p > 0 ? t.executed.map { 100 * $0 / p } : nil }
            h += "<tr><td>\(escapeHTML(t.label))</td><td class=\"num\">\(w.number(t.planned))</td><td class=\"num\">\(w.number(t.executed))</td><td class=\"num\">\(w.number(t.reportedPercent))</td><td class=\"num\">\(w.percent(recomputed))</td><td class=\"small muted\">\(sources(t.source))</td></tr>"
        }
        return h + "</table>"
    }

    private func commitments() -> String {
        let w = words, list = document.records.commitments
        guard !list.isEmpty else { return "" }
        var h = "<h2>\(w("Compromisos", "Commitments"))</h2><table><tr><th>\(w("Periodo", "Period"))</th><th class=\"num\">\(w("Recogidos", "Collected"))</th><th class=\"num\">\(w("A cargo", "In charge"))</th><th class=\"num\">\(w("No a cargo", "Not in charge"))</th><th>\(w("Fuente", "Source"))</th></tr>"
        for c in list {
            h += "<tr><td>\(escapeHTML(c.period))</td><td class=\"num\">\(w.number(c.collected))</td><td class=\"num\">\(w.number(c.inCharge))</td><td class=\"num\">\(w.number(c.notInCharge))</td><td class=\"small muted\">\(sources(c.source))</td></tr>"
        }
        return h + "</table>"
    }

    /// Up to three locators; the quoted words in a tooltip.
    private func sources(_ list: [Source]) -> String {
        list.prefix(3).map { "<span title=\"\(escapeHTML(clip($0.text, 300)))\">\(escapeHTML(words.locator($0, format: document.format)))</span>" }
            .joined(separator: "; ") + (list.count > 3 ? " …" : "")
    }
}

/// A text cut to `n` characters with an ellipsis, for quotes in tables.
func clip(_ s: String, _ n: Int) -> String {
    let t = s.collapsedWhitespace
    return t.count > n ? String(t.prefix(n - 1)) + "…" : t
}
