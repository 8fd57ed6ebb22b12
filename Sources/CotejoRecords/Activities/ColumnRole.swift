import CotejoModel

/// What a table column holds, read from its header words. Headers vary from entity to entity
/// ("ACTIVIDAD", "ACTIVIDADES DE GESTIÓN", "Acción"); the roles are the contract's fields plus the
/// columns that must be recognised to be left alone (criteria, unit of measure, period targets).
public enum ColumnRole: String, Sendable, CaseIterable {
    case item, description, phase, product, indicator, target, targetQuantity, start, end, responsible
    case unit, periodicity, planned, executed, percent
    case unitOfMeasure, criteria, periodTarget, result, other

    /// The role a header names, or nil when the header says nothing Cotejo knows.
    /// Specific phrases are tried before general words: "META TRIMESTRE 1" is a period target,
    /// not the target; "UNIDAD DE MEDIDA" is not the organisational unit.
    public static func from(header: String) -> ColumnRole? {
        let h = header.folded.replacingOccurrences(of: "\n", with: " ")
        guard !h.isEmpty else { return nil }
        let words = Set(h.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "%" && $0 != "#" }).map(String.init))
        func has(_ w: String) -> Bool { words.contains(w) }
        func hasPrefix(_ p: String) -> Bool { words.contains { $0.hasPrefix(p) } }

        if has("fecha") || (words.count == 1 && (has("inicio") || has("fin") || has("final"))) {
            if has("inicio") || has("inicial") || has("desde") || h.contains("fecha de inicio") { return .start }
            if has("final") || has("fin") || has("terminacion") || has("hasta") || has("cierre") || has("finalizacion") { return .end }
            // "Fecha programada", "fecha límite", "fecha de entrega": the date the action is due.
            // "Fecha propuesta", "fecha prevista", "fecha estimada", "fecha meta": the date it is planned for.
            if has("fecha") && (hasPrefix("programad") || has("limite") || has("entrega") || has("vencimiento")
                                || has("cumplimiento") || has("compromiso") || hasPrefix("propuest") || hasPrefix("previst")
                                || hasPrefix("estimad") || has("meta")) { return .end }
        }
        if h.contains("unidad de medida") { return .unitOfMeasure }
        if hasPrefix("criterio") { return .criteria }
        if has("ciclo") || has("phva") || has("fase") { return .phase }
        if h == "item" || h == "no" || h == "no." || h == "n°" || h == "nº" || h == "#" || h == "numero"
            || has("item") || has("consecutivo") { return .item }
        if (has("meta") || has("programacion")) && (hasPrefix("trimestre") || hasPrefix("cuatrimestre") || hasPrefix("semestre")
            || hasPrefix("bimestre") || has("mes") || has("mensual") || has("trimestral")) { return .periodTarget }
        if hasPrefix("programad") || hasPrefix("planead") || hasPrefix("planificad") { return .planned }
        if hasPrefix("ejecutad") || has("logro") || has("logros") || hasPrefix("realizad") || has("ejecucion") { return .executed }
        if has("%") || hasPrefix("cumplimiento") || has("cump") || has("avance") || has("porcentaje") { return .percent }
        if has("resultado") || has("resultados") { return .result }
        if hasPrefix("actividad") || hasPrefix("accion") || has("tarea") || has("tareas") { return .description }
        // "Indicador de producto" names an indicator, not a product.
        if h.hasPrefix("indicador") || h.hasPrefix("nombre del indicador") { return .indicator }
        if hasPrefix("producto") || has("entregable") { return .product }
        if has("meta") && has("indicador") { return .other }
        if hasPrefix("indicador") { return .indicator }
        if has("cantidad") { return .targetQuantity }
        if has("meta") || has("metas") { return .target }
        if hasPrefix("responsable") || has("lider") { return .responsible }
        if has("dependencia") || has("area") || has("unidad") || has("oficina") { return .unit }
        if has("periodicidad") || has("frecuencia") { return .periodicity }
        return .other
    }
}
