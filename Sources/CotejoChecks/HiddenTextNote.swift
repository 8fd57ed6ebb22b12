import CotejoModel

/// A finding resting on figures that are in the file but not visible on the page (white on white,
/// see `HiddenText`) says so: the entity published them in the sense that anyone who copies,
/// searches or extracts the document gets them, but a reader of the printed page does not see
/// them, and the auditor must know which of the two the finding is about. The severity stays: the
/// figures are certainly in the file.
enum HiddenTextNote {
    /// `findings` with their sources stamped by `TextProvenance`.
    static func apply(to findings: [Finding]) -> [Finding] {
        findings.map { finding in
            guard finding.source.contains(where: { $0.hidden == true }) else { return finding }
            var f = finding
            f.values["hidden_text"] = .text("sí")
            f.message += " (cifras que están en el PDF como texto invisible, blanco sobre blanco: no se ven en la página)"
            f.messageEN += " (figures that are in the PDF as invisible text, white on white: they do not show on the page)"
            return f
        }
    }
}
