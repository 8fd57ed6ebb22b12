import CotejoModel

/// What a figure measures, in the vocabulary of Colombian public planning: a target, a result, a
/// percentage of compliance, a weight, a baseline, an accumulated value, a budget.
public enum MeasureKind: String, Sendable, CaseIterable {
    case planned, executed, percent, weight, baseline, accumulated, budgetPlanned, budgetExecuted
}

/// Reads what a header or a form label ("Valor Programado", "META EJECUTADA", "% de avance",
/// "Ponderación", "Línea base", "Presupuesto ejecutado") says a figure measures.
///
/// The words are the field's, not one producer's: plans and follow-up reports from any entity name
/// their targets with "meta", "programado", "planeado", "proyectado"; their results with "ejecutado",
/// "logro", "resultado", "realizado", "alcanzado"; their percentages with "%", "porcentaje",
/// "cumplimiento", "avance", "eficacia". More specific words win: "meta ejecutada" is a result,
/// "% de ejecución" a percentage, "presupuesto ejecutado" a budget.
public enum MeasureLabel {
    public static func kind(of label: String) -> MeasureKind? {
        let h = label.folded
        let words = h.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "%" }).map(String.init)
        guard !words.isEmpty || h.containsUTF8("%") else { return nil }
        func has(_ w: String) -> Bool { words.contains(w) }
        func prefix(_ p: String) -> Bool { words.contains { $0.hasPrefix(p) } }

        let budget = prefix("presupuest") || prefix("recurso") || prefix("apropiacion") || has("inversion")
            || h.containsUTF8("$") || has("pesos") || has("millones") || has("costo")
        let executedWord = prefix("ejecutad") || prefix("logro") || prefix("realizad") || prefix("alcanzad")
            || prefix("obtenid") || prefix("reportad") || prefix("comprometid") || prefix("obligad") || prefix("pagad")
        let plannedWord = has("meta") || has("metas") || prefix("programad") || prefix("planead") || prefix("planificad")
            || prefix("proyectad") || prefix("esperad") || prefix("asignad") || has("programacion") || prefix("presupuestad")
        if prefix("ponderac") || prefix("ponderad") || has("peso") { return .weight }
        if (has("linea") && has("base")) || has("lb") { return .baseline }
        if h.containsUTF8("%") || prefix("porcentaje") || prefix("cumplimiento") || has("eficacia")
            || (has("avance") && !has("cuantitativo")) || has("cump") {
            // "% de ejecución presupuestal" is still a percentage.
            return .percent
        }
        if prefix("acumulad") { return .accumulated }
        if budget {
            if executedWord || has("ejecucion") { return .budgetExecuted }
            return .budgetPlanned
        }
        if executedWord || has("ejecucion") || has("resultado") || has("resultados") || has("avance") { return .executed }
        if plannedWord { return .planned }
        return nil
    }
}
