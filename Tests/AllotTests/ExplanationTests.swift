import Testing
import TestSupport

@testable import Allot
@testable import AllotCommand
@testable import AllotReports
@testable import PlanFormat

/// Every stated threshold is checked by perturbation: just past it the allocation changes, just
/// short of it it does not. Decompositions add up. The words avoid solver vocabulary.
@Suite struct ExplanationTests {
    static func reason(_ explanation: Explanation, _ id: String) -> Explanation.RequestReason {
        explanation.requests.first { $0.id == id }!
    }

    @Test func linearThresholdsByHand() throws {
        let explanation = try Explainer.explain(Make.ladder())
        let b = Self.reason(explanation, "b")
        // B's last dollar must beat A's 2.0 to take money from A; full funding from a budget of 1.2M.
        #expect(close(b.fullFundingAt?.valuePerDollar, 2, 1e-6))
        #expect(close(b.fullFundingAt?.budget, 1_200_000, 1e-6))
        // B keeps its 400k until it returns less than C's 0.5: only C competes for that money.
        #expect(close(b.keepsFundingDownTo, 0.5, 1e-6))
        #expect(b.code == .belowLine)
        let c = Self.reason(explanation, "c")
        #expect(close(c.fullFundingAt?.valuePerDollar, 1.5, 1e-6))
        #expect(close(c.fullFundingAt?.budget, 1_600_000, 1e-6))
        #expect(c.keepsFundingDownTo == nil)
        let a = Self.reason(explanation, "a")
        #expect(a.fullFundingAt == nil)
        #expect(close(a.keepsFundingDownTo, 1.5, 1e-6))
        #expect(a.code == .funded)
    }

    /// Sets a request's value per dollar just above and just below its stated threshold.
    @Test(arguments: ["b", "c"])
    func fullFundingValueHoldsUnderPerturbation(_ id: String) throws {
        let base = Make.ladder()
        let threshold = try #require(Self.reason(try Explainer.explain(base), id).fullFundingAt?.valuePerDollar)
        for (factor, funded) in [(1.001, true), (0.999, false)] {
            let plan = id == "b" ? Make.ladder(b: threshold * factor) : Make.ladder(c: threshold * factor)
            let result = try PlanSolver.solve(plan)
            #expect((result.status(id) == .full) == funded, "\(id) at \(factor) x \(threshold)")
        }
    }

    @Test func keepsFundingHoldsUnderPerturbation() throws {
        let explanation = try Explainer.explain(Make.ladder())
        let a = try #require(Self.reason(explanation, "a").keepsFundingDownTo)
        #expect(try PlanSolver.solve(Make.ladder(a: a * 1.001)).status("a") == .full)
        #expect(try PlanSolver.solve(Make.ladder(a: a * 0.999)).allocated("a") < 600_000 - 1)
        let b = try #require(Self.reason(explanation, "b").keepsFundingDownTo)
        #expect(close(try PlanSolver.solve(Make.ladder(b: b * 1.001)).allocated("b"), 400_000))
        #expect(try PlanSolver.solve(Make.ladder(b: b * 0.999)).allocated("b") < 400_000 - 1)
    }

    @Test(arguments: ["b", "c"])
    func fullFundingBudgetHoldsUnderPerturbation(_ id: String) throws {
        let budget = try #require(Self.reason(try Explainer.explain(Make.ladder()), id).fullFundingAt?.budget)
        #expect(try PlanSolver.solve(Make.ladder(budget: budget * 1.0001)).status(id) == .full)
        #expect(try PlanSolver.solve(Make.ladder(budget: budget * 0.9999)).status(id) != .full)
    }

    static func capped(aes: Double = 1.8) -> Plan {
        Make.plan([
            Make.request("ads", team: "marketing", amount: 800_000, perDollar: 2),
            Make.request("aes", team: "sales", amount: 800_000, perDollar: aes),
            Make.request("infra", team: "platform", amount: 800_000, perDollar: 1),
        ], total: 1_500_000,
            constraints: [Constraint(id: "gtm-cap", name: "Go-to-market cap", kind: .cap(max: 1_000_000), scope: Scope(groups: ["gtm"]))],
            groups: ["marketing": ["gtm"], "sales": ["gtm"]])
    }

    @Test func ruleHoldsARequestAndDecompositionAddsUp() throws {
        let explanation = try Explainer.explain(Self.capped())
        let aes = Self.reason(explanation, "aes")
        #expect(aes.code == .heldByRule)
        // Price of an AE dollar: the budget's 1.0 plus the cap's 0.8 = its own 1.8.
        let budget = try #require(aes.terms.first { $0.ref == .budget })
        let cap = try #require(aes.terms.first { $0.ref == .rule("gtm-cap") })
        #expect(close(budget.perDollar, 1, 1e-6))
        #expect(close(cap.perDollar, 0.8, 1e-6))
        #expect(close(aes.price, 1.8, 1e-6))
        #expect(close(aes.terms.reduce(0) { $0 + $1.perDollar }, aes.price ?? .nan, 1e-9))
        #expect(explanation.text(aes).contains("'Go-to-market cap' is at its limit"))
        #expect(explanation.text(aes).contains("not a verdict on your estimate"))
        // Within a 1.5M budget no cap lets AEs beat ads to full funding.
        #expect(aes.fullFundingAt?.ruleLimit == nil)
        // To be funded in full under the cap, AEs must beat ads (2.0).
        #expect(close(aes.fullFundingAt?.valuePerDollar, 2, 1e-6))
        #expect(try PlanSolver.solve(Self.capped(aes: 2.002)).status("aes") == .full)
        #expect(try PlanSolver.solve(Self.capped(aes: 1.998)).status("aes") != .full)
        // Without the cap: ads 800k, AEs 700k, infra nothing.
        let rule = try #require(explanation.rules.first { $0.id == "gtm-cap" })
        #expect(rule.binding)
        #expect(close(rule.shadowPrice, 0.8, 1e-6))
        #expect(close(rule.validRange?.lower, 800_000, 1e-6))
        #expect(close(rule.validRange?.upper, 1_500_000, 1e-6))
        #expect(close(rule.dollarsMoved, 500_000, 1e-6))
        #expect(close(rule.valueGivenUp, 400_000, 1e-4))
        #expect(close(rule.ifRemoved.first { $0.team == "sales" }?.delta, 500_000, 1e-6))
        #expect(close(rule.ifRemoved.first { $0.team == "platform" }?.delta, -500_000, 1e-6))
    }

    @Test func heldRequestsLearnTheRuleLimitThatWouldFundThem() throws {
        // Budget 2M: the cap holds AEs at 200k while 200k stays unspent; a 1.6M cap funds them.
        var plan = Self.capped()
        plan.budget.total = 2_000_000
        let explanation = try Explainer.explain(plan)
        let aes = Self.reason(explanation, "aes")
        #expect(aes.code == .heldByRule)
        #expect(aes.fullFundingAt?.ruleLimit?.ref == .rule("gtm-cap"))
        #expect(close(aes.fullFundingAt?.ruleLimit?.limit, 1_600_000, 1e-5))
        #expect(explanation.text(aes).contains("'Go-to-market cap' at $1.6M"))
        var raised = plan
        raised.constraints[0].kind = .cap(max: 1_600_000 * 1.0001)
        #expect(try PlanSolver.solve(raised).status("aes") == .full)
        raised.constraints[0].kind = .cap(max: 1_600_000 * 0.9999)
        #expect(try PlanSolver.solve(raised).status("aes") != .full)
    }

    @Test func everyDecompositionAddsUpToItsPrice() throws {
        let explanation = try Explainer.explain(Self.capped())
        for reason in explanation.requests {
            guard let price = reason.price else { continue }
            #expect(close(reason.terms.reduce(0) { $0 + $1.perDollar }, price, 1e-9))
            // A partly funded request's marginal dollar is priced at exactly its value.
            if explanation.allocation.status(reason.id) == .partial {
                #expect(close(reason.valuePerDollar, price, 1e-6), "\(reason.id)")
            }
        }
    }

    /// Five AEs of 200k at 1.2/$ against events at 1.5/$; budget 1.1M: events in full, 3 AEs.
    static func hiring(ae: Double = 1.2) -> Plan {
        Make.plan([
            Make.request("ae", amount: 1_000_000, perDollar: ae, unitCost: 200_000),
            Make.request("events", amount: 500_000, perDollar: 1.5),
        ], total: 1_100_000)
    }

    @Test func integerThresholdsComeFromReSolving() throws {
        let explanation = try Explainer.explain(Self.hiring())
        #expect(explanation.methodText.contains("re-solving"))
        let ae = Self.reason(explanation, "ae")
        #expect(explanation.allocation.requests[0].unitsFunded == 3)
        // All five need the last AE dollar to beat events: 1.5.
        #expect(close(ae.fullFundingAt?.valuePerDollar, 1.5, 1e-6))
        #expect(try PlanSolver.solve(Self.hiring(ae: 1.5015)).status("ae") == .full)
        #expect(try PlanSolver.solve(Self.hiring(ae: 1.4985)).status("ae") != .full)
        #expect(explanation.text(ae).contains("asked 5"))
        #expect(explanation.text(ae).contains("funds 3 of 5"))
    }

    @Test func defaultModelReasonsUseNoSolverVocabulary() throws {
        let loaded = try PlanReader.read(path: Repository.model("northwind.json"))
        let explanation = try Explainer.explain(loaded.plan)
        let banned = ["dual", "reduced cost", "basis", "basic", "simplex", "slack", "shadow", " LP", "MIP",
                      "binding", "variable", "objective", "infeasible", "relaxation"]
        let texts = explanation.requests.map(explanation.text) + explanation.teamTexts + explanation.rules.map(explanation.text) + explanation.noteTexts
        for text in texts {
            for word in banned {
                #expect(!text.lowercased().contains(word.lowercased()), "'\(word)' in: \(text)")
            }
        }
        // Committed items without impact are "run the business", never "$0 of value".
        #expect(explanation.requests.contains { $0.code == .runTheBusiness })
        #expect(!texts.contains { $0.contains("$0 of value") })
        #expect(explanation.requests.allSatisfy { explanation.text($0).contains("proposal") })
    }

    @Test func explainJSONHasTheDocumentedKeys() throws {
        let result = runAllot(["explain", Repository.model("northwind.json"), "--json"])
        #expect(result.code == 0)
        let document = try JSONParser.parse(Array(result.out.utf8)).jsonValue
        guard case .array(let requests) = document["requests"], case .object(let first) = requests.first,
              case .array(let rules) = document["constraints"], case .object(let rule) = rules.first
        else {
            Issue.record("no requests or constraints")
            return
        }
        let keys = Set(first.map(\.key))
        #expect(keys.isSuperset(of: ["reason", "fullFundingAt", "keepsFundingDownTo"]))
        #expect(first.first { $0.key == "reason" }?.value["code"] != nil)
        #expect(first.first { $0.key == "reason" }?.value["text"] != nil)
        #expect(Set(rule.map(\.key)).isSuperset(of: ["shadowPrice", "validRange", "ifRemoved"]))
        let team = runAllot(["explain", Repository.model("northwind.json"), "--team", "sales"])
        #expect(team.code == 0)
        #expect(team.out.contains("Sales: asked"))
        #expect(!team.out.contains("Marketing: asked"))
    }
}

/// Thresholds on random linear plans, each checked by perturbation.
@Suite struct RandomThresholdTests {
    static func plan(_ rates: [Double], seed: UInt64) -> Plan {
        var rng = SeededGenerator(seed: seed)
        let teams = ["sales", "marketing", "platform"]
        var requests: [Request] = []
        for (index, rate) in rates.enumerated() {
            var generator = SeededGenerator(seed: seed &* 31 &+ UInt64(index))
            let amount = Double(Int.random(in: 2...12, using: &generator)) * 50_000
            requests.append(Make.request("r\(index)", team: teams[index % 3], amount: amount, perDollar: rate))
        }
        let asked = requests.reduce(0) { $0 + $1.amount }
        return Make.plan(
            requests, total: (asked * Double.random(in: 0.4...0.7, using: &rng)).rounded(),
            constraints: [Constraint(id: "gtm", kind: .share(min: nil, max: 0.5), scope: Scope(groups: ["gtm"]))],
            groups: ["sales": ["gtm"], "marketing": ["gtm"]])
    }

    @Test(arguments: 1...12)
    func thresholdsHoldUnderPerturbation(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let rates = (0..<7).map { _ in Double.random(in: 0.3...3, using: &rng) }
        let base = Self.plan(rates, seed: UInt64(seed))
        let explanation = try Explainer.explain(base)
        var checked = 0
        for (position, reason) in explanation.requests.enumerated() {
            // Requests are listed team by team; their ids give their place in `rates`.
            let index = Int(reason.id.dropFirst())!
            let result = explanation.allocation.requests[position]
            if let threshold = reason.fullFundingAt?.valuePerDollar, threshold > 0 {
                var above = rates, below = rates
                above[index] = threshold * 1.002
                below[index] = threshold * 0.998
                checked += 1
                #expect(try PlanSolver.solve(Self.plan(above, seed: UInt64(seed))).status(reason.id) == .full,
                        "seed \(seed) \(reason.id): above \(threshold)")
                #expect(try PlanSolver.solve(Self.plan(below, seed: UInt64(seed))).status(reason.id) != .full,
                        "seed \(seed) \(reason.id): below \(threshold)")
            }
            if let keeps = reason.keepsFundingDownTo, keeps > 0 {
                var above = rates, below = rates
                above[index] = keeps * 1.002
                below[index] = keeps * 0.998
                #expect(try PlanSolver.solve(Self.plan(above, seed: UInt64(seed))).allocated(reason.id) >= result.allocated - 1,
                        "seed \(seed) \(reason.id): keeps above \(keeps)")
                #expect(try PlanSolver.solve(Self.plan(below, seed: UInt64(seed))).allocated(reason.id) < result.allocated - 1,
                        "seed \(seed) \(reason.id): keeps below \(keeps)")
                checked += 1
            }
        }
        #expect(checked >= 3, "seed \(seed): only \(checked) thresholds to check")
    }
}

/// Defects found by a review as a new user, each with the test that would have caught it.
@Suite struct ReviewRegressionTests {
    @Test func planWithoutABudgetCanBeExplained() throws {
        let plan = Make.plan([Make.request("a", amount: 100_000, perDollar: 1)], total: nil)
        let explanation = try Explainer.explain(plan)
        #expect(explanation.requests.first?.code == .funded)
    }

    @Test func aRuleMetWithRoomToSpareIsNotCalledAtItsLimit() throws {
        // The default model's fairness rule: no team sits at 60%, yet removing it moves money.
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        var options = ExplainOptions()
        options.thresholds = .none
        let explanation = try Explainer.explain(plan, options: options)
        let fairness = try #require(explanation.rules.first { $0.id == "fair-share" })
        #expect(fairness.binding && !fairness.atLimit)
        #expect(!explanation.allocation.rule("fair-share").binding)
        #expect(!explanation.text(fairness).contains("at its limit"))
        #expect(explanation.text(fairness).contains("room to spare"))
        let cap = try #require(explanation.rules.first { $0.id == "gtm-share" })
        #expect(cap.binding && cap.atLimit && explanation.allocation.rule("gtm-share").binding)
    }

    @Test func everyFundedRequestsFloorIsStatedInWords() throws {
        // Whatever the reason code, a request that has money and a stated keeps-funding value
        // says it in its sentence.
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let explanation = try Explainer.explain(plan)
        let format = Format(currency: plan.currency)
        var checked = 0
        for reason in explanation.requests {
            let status = explanation.allocation.status(reason.id)
            guard status == .full || status == .partial, let keeps = reason.keepsFundingDownTo,
                  [.funded, .belowLine, .heldUpByRule].contains(reason.code) else { continue }
            checked += 1
            // The figure is a boundary, rounded up: at it the allocation still stands.
            let stated = keeps > 0 ? "at least \(format.perUnit(keeps, rounded: .up))" : "even if it returned nothing"
            #expect(explanation.text(reason).contains(stated), "\(reason.id): \(explanation.text(reason))")
        }
        #expect(checked >= 10)
    }

    @Test func ruleEffectsSayWhatIsSpentBesidesWhatMoves() throws {
        // A cap holds 'a' to 300k with money to spare: without it 'a' takes 300k more and nobody
        // loses, so the sentence says the money is spent, not moved between teams.
        let plan = Make.plan([
            Make.request("a", team: "t1", amount: 600_000, perDollar: 2),
            Make.request("b", team: "t2", amount: 400_000, perDollar: 1),
        ], total: 2_000_000, constraints: [Constraint(id: "cap", kind: .cap(max: 300_000), scope: Scope(teams: ["t1"]))])
        let explanation = try Explainer.explain(plan)
        let cap = try #require(explanation.rules.first { $0.id == "cap" })
        #expect(explanation.text(cap).contains("It moves $300k: without it, t1 $300k would gain, and $300k more would be spent in all."), "\(explanation.text(cap))")
    }

    @Test func theHeadlineSaysWhatSoftTargetPenaltiesTookOffTheValue() throws {
        let kpis = [KPI(id: "arr", name: "ARR", unit: "USD", worth: 1, target: Target(min: 2_000_000, softPenalty: 0.5))]
        let plan = Make.plan([Make.request("a", amount: 1_000_000, perDollar: 1, kpi: "arr")], total: 1_000_000, kpis: kpis)
        let allocation = try PlanSolver.solve(plan)
        #expect(close(allocation.kpi("arr").penalty, 500_000, 1e-6))
        let text = AllocationText.render(allocation)
        #expect(text.contains("after $500k of penalties for soft targets missed"), "\(text)")
    }

    @Test func aWholeHireStoppedByAFullHeadcountCapNamesIt() throws {
        // The default model funds 2 of 3 SREs with all 24 new heads used: the cap, not the
        // budget, stops the third, and removing the cap funds it.
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        var options = ExplainOptions()
        options.thresholds = .none
        let explanation = try Explainer.explain(plan, options: options)
        let sre = ExplanationTests.reason(explanation, "plat-sre")
        #expect(sre.code == .indivisible)
        #expect(explanation.text(sre).contains("one more would break 'At most 24 new heads', which is at its limit"), "\(explanation.text(sre))")
        let cap = try #require(explanation.rules.first { $0.id == "new-heads" })
        #expect((cap.ifRemoved.first { $0.team == "platform" }?.delta ?? 0) > 100_000)
    }

    @Test func aRequestHeldByWhatItNeedsIsNotCalledPolicy() throws {
        // 'a' returns 3/$ but needs 'b' (0.1/$): with 150k they are funded together, 75k each.
        let plan = Make.plan([
            Make.request("a", team: "t1", amount: 100_000, perDollar: 3, requires: ["b"]),
            Make.request("b", team: "t2", amount: 100_000, perDollar: 0.1),
            Make.request("c", team: "t2", amount: 100_000, perDollar: 1),
        ], total: 150_000)
        let explanation = try Explainer.explain(plan)
        #expect(close(explanation.allocation.allocated("a"), 75_000, 1e-6))
        let a = ExplanationTests.reason(explanation, "a")
        #expect(a.code == .heldByRule)
        #expect(explanation.text(a).contains("but it needs 'b'"), "\(explanation.text(a))")
        #expect(!explanation.text(a).contains("leadership policy"))
    }

    @Test func reSolvesStoppedAtTheTimeLimitAreLeftOutAndCounted() throws {
        // The hard integer plan (DeadlineTests) under a hiring freeze of 6 heads: solved at
        // once, but lifting the freeze (what changes without it) and some thresholds give back
        // the hard plan, which runs for minutes unless stopped. Capped at half a second, what
        // rests on them is left out, marked where it would be, and counted in a note; the rest
        // is worked out.
        let plan = try PlanReader.read(path: PlanFixtures.path("slow-resolve.json")).plan
        var options = ExplainOptions(thresholds: .teams(["t0"]))
        options.resolveTimeLimit = 0.5
        let explanation = try Explainer.explain(plan, options: options)
        #expect(explanation.stoppedByTimeLimit)
        #expect(explanation.noteTexts.contains { $0.hasPrefix("The time limit stopped the explanation before it was done:") && $0.contains("left out") },
                "\(explanation.noteTexts)")
        let stoppedRequests = explanation.requests.filter(\.thresholdsStoppedByTimeLimit)
        let stoppedRules = explanation.rules.filter { !$0.leftOutByTimeLimit.isEmpty }
        #expect(stoppedRequests.count + stoppedRules.count >= 1)
        for reason in stoppedRequests {
            #expect(reason.fullFundingAt == nil && reason.keepsFundingDownTo == nil && !reason.thresholdsComputed)
            #expect(explanation.text(reason).hasSuffix("Its what-it-would-take figures were left out: the time limit stopped them."), "\(explanation.text(reason))")
        }
        for rule in stoppedRules { #expect(explanation.text(rule).contains("the time limit stopped"), "\(explanation.text(rule))") }
        // Figures not stopped are still given.
        #expect(explanation.requests.contains { $0.thresholdsComputed })
    }

    @Test func aThresholdBelowTheLineSaysWhichRulesLowerTheBar() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let explanation = try Explainer.explain(plan)
        let line = try #require(explanation.fundingLine)
        let format = Format(currency: plan.currency)
        var checked = 0
        for reason in explanation.requests {
            guard let t = reason.fullFundingAt?.valuePerDollar, t < line, format.perUnit(t, rounded: .up) != format.perUnit(line),
                  reason.terms.contains(where: { !$0.isBudget && $0.perDollar < -1e-9 }),
                  reason.code != .runTheBusiness, reason.code != .noImpact else { continue }
            checked += 1
            #expect(explanation.text(reason).contains("That is below the funding line because each of its dollars also eases"), "\(reason.id)")
        }
        #expect(checked >= 3)
    }

    @Test func leastSpendPlansStateNoValueThresholds() throws {
        // Value thresholds re-solved for value within the least spend do not hold for a plan that
        // weighs spend: none are given, and a note says why.
        let kpis = [KPI(id: "arr", unit: "USD", worth: 1, target: Target(min: 300_000))]
        let plan = Make.plan([
            Make.request("slow", amount: 1_000_000, perDollar: 0.5, kpi: "arr"),
            Make.request("fast", amount: 200_000, perDollar: 1.5, kpi: "arr"),
        ], total: 2_000_000, kpis: kpis, objective: .minimizeSpend)
        var options = ExplainOptions()
        options.thresholds = .all
        let explanation = try Explainer.explain(plan, options: options)
        #expect(explanation.requests.allSatisfy { $0.fullFundingAt == nil && $0.keepsFundingDownTo == nil })
        #expect(explanation.noteTexts.contains { $0.contains("least spend") })
        #expect(!explanation.noteTexts.contains { $0.contains("--thresholds") })
    }

    @Test func aHeadcountCapWithRoomIsNotAtItsLimit() throws {
        // 7 heads under a cap of 8 on a $10M budget: the tolerance must not scale with spend.
        let plan = Make.plan([
            Make.request("eng", amount: 1_050_000, perDollar: 2, unitCost: 150_000),
            Make.request("big", amount: 9_000_000, perDollar: 1),
        ], total: 10_050_000, constraints: [Constraint(id: "heads", kind: .headcount(max: 8))])
        let result = try PlanSolver.solve(plan)
        #expect(result.requests[0].unitsFunded == 7)
        #expect(result.rule("heads").binding == false)
    }

    @Test func aRuleThatShapesAnIntegerPlanWithRoomToSpareIsReported() throws {
        // The fairness floor (50% of 1M = 500k) can only be met by the 600k all-or-nothing
        // project, which is worth less than the alternative: the floor is not tight, yet it costs.
        let plan = Make.plan([
            Make.request("project", team: "data", amount: 600_000, allOrNothing: true, total: 300_000),
            Make.request("tiny", team: "data", amount: 400_000, perDollar: 0.1, unitCost: 400_000),
            Make.request("ads", team: "marketing", amount: 2_000_000, perDollar: 1.5),
        ], total: 1_000_000, constraints: [Constraint(id: "fair", kind: .fairness(minFractionOfAsk: 0.5), scope: Scope(teams: ["data"]))])
        let explanation = try Explainer.explain(plan)
        #expect(explanation.allocation.allocated("project") == 600_000)
        let rule = try #require(explanation.rules.first { $0.id == "fair" })
        #expect(rule.binding)
        #expect(close(rule.valueGivenUp, 600_000 * 1.5 - 300_000, 1e-6))
    }
}

/// On the default (integer) plan, every partly or un-funded request's full-funding value is
/// checked by perturbation: shift all of its slices so that the last one returns just above the
/// stated value, and it is fully funded; just below, and it is not.
@Suite struct DefaultModelThresholdTests {
    static func shifted(_ plan: Plan, request id: String, by delta: Double) -> Plan {
        var plan = plan
        if !plan.kpis.contains(where: { $0.id == "shift" }) { plan.kpis.append(KPI(id: "shift", worth: 1)) }
        for t in plan.teams.indices {
            for r in plan.teams[t].requests.indices where plan.teams[t].requests[r].id == id {
                let request = plan.teams[t].requests[r]
                let perDollar = delta / request.confidence
                // An all-or-nothing request's "total" impact is gained only when funded in full.
                plan.teams[t].requests[r].impact["shift"] = request.allOrNothing ? .total(perDollar * request.amount) : .perDollar(perDollar)
            }
        }
        return plan
    }

    @Test func fullFundingValuesHoldOnTheDefaultModel() throws {
        let plan = try PlanReader.read(path: Repository.model("northwind.json")).plan
        let explanation = try Explainer.explain(plan)
        var checked = 0
        for (index, reason) in explanation.requests.enumerated() {
            guard let threshold = reason.fullFundingAt?.valuePerDollar else { continue }
            let last = try #require(reason.slices.last { $0.start < explanation.allocation.requests[index].asked - 1e-9 }).valuePerDollar
            let delta = threshold - last
            let above = try PlanSolver.solve(Self.shifted(plan, request: reason.id, by: delta + abs(delta) * 0.003 + 1e-6))
            let below = try PlanSolver.solve(Self.shifted(plan, request: reason.id, by: delta - abs(delta) * 0.003 - 1e-6))
            #expect(above.status(reason.id) == .full, "\(reason.id): above \(threshold)")
            #expect(below.status(reason.id) != .full, "\(reason.id): below \(threshold)")
            checked += 1
        }
        #expect(checked >= 10)
    }
}
