import CotejoModel
import CotejoArithmetic

/// Settles which of a row's two figures without headers is planned and which executed, by arithmetic.
///
/// Slide decks often give a row's figures with no column headers ("29 · 20 · 145 %"); the extractors
/// then read the first figure as planned and the second as executed (`FigureOrder.unlabelled`). A
/// document keeps one layout, so one row that only fits one order settles every such row of the
/// document: "29 · 20 · 145 %" fits only executed/planned (29 / 20 = 145 %), so the layout is executed
/// first and every unlabelled row is swapped (`FigureOrder.executedFirst`). Rows that fit both orders
/// ("3 · 3 · 100 %") prove nothing; a fit only through the 100 % cap proves nothing either (the cap is
/// a guess about the writer, not arithmetic). Only exact fits prove an order.
///
/// This is the record stage's decision, stored with the row; the check `figure.order_inferred` only
/// reports it.
struct FigureOrderSettler: Sendable {
    func settle(_ activities: [Activity]) -> [Activity] {
        var out = activities
        let unlabelled = activities.indices.filter { activities[$0].figuresUnlabelled }
        guard !unlabelled.isEmpty else { return activities }
        var executedFirst: [Int] = []
        var plannedFirst: [Int] = []
        for i in unlabelled {
            guard let claim = activities[i].percentClaim else { continue }
            let asIs = claim.fit() == .exact
            let swapped = claim.fit(swapped: true) == .exact
            if swapped && !asIs { executedFirst.append(i) }
            if asIs && !swapped { plannedFirst.append(i) }
        }
        // One layout for the document when the proofs agree; when rows disagree (two tables laid out
        // differently), only the proving rows are settled and the rest stay unlabelled.
        let swap: [Int], confirm: [Int]
        switch (executedFirst.isEmpty, plannedFirst.isEmpty) {
        case (true, true): return activities
        case (false, true): swap = unlabelled; confirm = []
        case (true, false): swap = []; confirm = unlabelled
        case (false, false): swap = executedFirst; confirm = plannedFirst
        }
        for i in swap {
            var a = out[i]
            (a.planned, a.executed) = (a.executed, a.planned)
            (a.fieldSources["planned"], a.fieldSources["executed"]) = (a.fieldSources["executed"], a.fieldSources["planned"])
            a.figureOrder = .executedFirst
            a.notes.append("orden de columnas inferido por aritmética: ejecutado primero / column order inferred from arithmetic: executed first")
            out[i] = a
        }
        for i in confirm {
            out[i].figureOrder = .plannedFirst
            out[i].notes.append("orden de columnas confirmado por aritmética: programado primero / column order confirmed by arithmetic: planned first")
        }
        return out
    }
}
