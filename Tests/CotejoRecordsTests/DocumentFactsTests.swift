import Testing
import CotejoModel
@testable import CotejoRecords

@Suite("document facts: the publishing entity")
struct DocumentFactsEntityTests {
    func entity(_ lines: [String]) -> String? {
        let blocks = lines.enumerated().map { i, t in Block(lines: [TextLine(text: t, source: Source(line: i + 1, text: t))]) }
        return DocumentFactsExtractor().extract(from: DocumentContent(format: .txt, pages: [Page(number: 1, blocks: blocks)])).entity
    }

    @Test("a letterhead entity over a body the prose addresses; an entity over its dependency")
    func entityOverBodiesAndDependencies() {
        #expect(entity(["Agradezco al Honorable Concejo Municipal por su acompañamiento.", "MUNICIPIO DE TIMBIQUI",
                        "Plan de Desarrollo 2012-2015", "MUNICIPIO DE TIMBIQUI"]) == "MUNICIPIO DE TIMBIQUI")
        #expect(entity(["Secretaría de Planeación", "Informe de seguimiento", "Alcaldía Municipal de Chía"]) == "Alcaldía Municipal de Chía")
        // A body named only in prose is an addressee, never the publisher.
        #expect(entity(["Presentamos al Honorable Concejo Municipal nuestro plan."]) == nil)
    }

    @Test("the name stated most often wins; an acronym after a dash is kept, a title after it is not; E.S.E. is part of the name")
    func frequencyDashesAndESE() {
        #expect(entity(["El FONDO DE DESARROLLO SOCIAL DE EL RETIRO - FONDESER promueve la participación.",
                        "Los servidores del FONDO DE DESARROLLO SOCIAL DE EL RETIRO - FONDESER la aplican.",
                        "Fondeser", "Alcaldía de El Retiro"]) == "FONDO DE DESARROLLO SOCIAL DE EL RETIRO - FONDESER")
        #expect(entity(["Alcaldía Municipal de Chía - Plan Operativo Anual de Inversiones 2015"]) == "Alcaldía Municipal de Chía")
        #expect(entity(["E.S.E HOSPITAL SAN VICENTE DE PAUL", "Informe SIAU"]) == "E.S.E HOSPITAL SAN VICENTE DE PAUL")
    }
}
