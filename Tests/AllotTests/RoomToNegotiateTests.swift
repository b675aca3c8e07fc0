import Testing
import TestSupport

@testable import Allot
import LinearSolver
@testable import PlanFormat

/// `explain --within`: each end is attained by the allocation it states, and tight: the value
/// floor binds there, so a team cannot get more (or less) within the tolerance.
@Suite struct RoomToNegotiateTests {
    @Test func everyEndIsAttainedAndTight() throws {
        let plan = try PlanReader.read(path: Repository.root + "/Tests/Fixtures/cuts-linear.json").plan
        let solved = try SolvedPlan(plan)
        let room = try #require(try solved.room(within: 0.01, deadline: Deadline(seconds: 60)))
        let formulation = Formulation(plan)
        let best = formulation.planValue(amounts: solved.allocation.requests.map(\.allocated))
        #expect(abs(room.valueTolerance - 0.01 * abs(try #require(solved.base.objective))) < 1e-6)
        #expect(room.teams.count == plan.teams.count)
        #expect(room.requests.count == plan.requests.count)
        for range in room.teams {
            let members = solved.allocation.requests.filter { $0.team == range.id }
            let proposed = members.reduce(0) { $0 + $1.allocated }
            #expect(range.least.amount <= proposed + 0.5 && proposed <= range.most.amount + 0.5, "\(range.id)")
            for end in [range.least, range.most] {
                // The stated allocation: the proposal with the stated changes.
                let amounts = solved.allocation.requests.map { $0.allocated + (end.attainedBy[$0.id] ?? 0) }
                let team = zip(solved.allocation.requests, amounts).filter { $0.0.team == range.id }.reduce(0) { $0 + $1.1 }
                #expect(abs(team - end.amount) <= 1, "\(range.id): \(team) against \(end.amount)")
                let value = formulation.planValue(amounts: amounts)
                #expect(value >= best - room.valueTolerance - 1, "\(range.id) gives up more than the tolerance")
                // Tight: where the end moved from the proposal, the value floor binds.
                if abs(end.amount - proposed) > 1 {
                    #expect(value <= best - room.valueTolerance + max(1, 1e-6 * best), "\(range.id): \(best - value) given up")
                }
                #expect(end.proven)
            }
        }
        // More tolerance, more room: the ranges only widen.
        let wider = try #require(try solved.room(within: 0.02, deadline: Deadline(seconds: 60)))
        for (narrow, wide) in zip(room.teams, wider.teams) {
            #expect(wide.most.amount >= narrow.most.amount - 1 && wide.least.amount <= narrow.least.amount + 1, "\(narrow.id)")
        }
    }

    @Test func theCommandPrintsTheRangesAndTheJSONCarriesThem() throws {
        let text = runAllot(["explain", Repository.model("northwind.json"), "--within", "1%"])
        #expect(text.code == 0)
        #expect(text.out.contains("Room to negotiate, within 1% of the best value"))
        #expect(text.out.contains("Each range holds for\nthat team alone") || text.out.contains("Each range holds for that team alone"))
        let json = runAllot(["explain", Repository.model("northwind.json"), "--within", "0.01", "--json", "--no-thresholds"])
        let document = try JSONParser.parse(Array(json.out.utf8)).jsonValue
        let within = try #require(document["within"])
        #expect(within["tolerance"] == .number(0.01))
        #expect(within["jointlyAttainable"] == .bool(false))
        let validator = try SchemaValidator(directory: Repository.root + "/models/output")
        let errors = validator.errors(document, against: "explain.schema.json")
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(runAllot(["explain", Repository.model("northwind.json"), "--within", "150%"]).code == 64)
    }
}
