import Testing

@testable import PlanFormat

/// The catalogue of names the reader builds: repeats are counted where names must be unique.
@Suite struct PlanCatalogTests {
    @Test func aGroupNamedByManyTeamsIsNoRepeatButARequestIdGivenTwiceIs() {
        var catalog = PlanCatalog()
        for team in ["sales", "marketing", "cs"] { catalog.add("gtm", to: .groups); catalog.add(team, to: .teams) }
        catalog.add("r1", to: .requests)
        catalog.add("r2", to: .requests)
        catalog.add("r1", to: .requests)
        #expect(catalog.repeated(.groups).isEmpty)
        #expect(catalog.added(.groups) == 3)
        #expect(catalog.repeated(.requests) == ["r1"])
        #expect(catalog.added(.requests) == 3)
        #expect(catalog.repeated(.teams).isEmpty)
    }
}
