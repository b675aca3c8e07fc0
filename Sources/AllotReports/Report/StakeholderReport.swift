import Allot
import PlanFormat

/// Everything the stakeholder report shows, computed once from an explanation so that the HTML,
/// Markdown and CSV renderings carry the same numbers.
package struct StakeholderReport: Sendable {
    package struct TeamRow: Sendable {
        package let id: String
        package let name: String
        package let owner: String
        package let asked: Double
        package let committed: Double
        package let newAsks: Double
        package let proposed: Double
        package let gap: Double
        /// Share of new asks (beyond committed spend) funded; nil without new asks.
        package let newAsksFunded: Double?
        package let headsAsked: Double
        package let headsFunded: Double
        package let mainReason: String

        /// The same row under another name.
        package func renamed(_ name: String) -> TeamRow {
            TeamRow(id: id, name: name, owner: owner, asked: asked, committed: committed, newAsks: newAsks, proposed: proposed,
                    gap: gap, newAsksFunded: newAsksFunded, headsAsked: headsAsked, headsFunded: headsFunded, mainReason: mainReason)
        }
    }

    /// One step of the walk from asked to proposed.
    package struct WaterfallStep: Sendable {
        package enum Kind: Sendable { case total, cut, addition }
        package let label: String
        /// Signed: cuts negative, additions positive; totals are levels.
        package let amount: Double
        package let kind: Kind
    }

    package struct KPIBridge: Sendable {
        package let name: String
        package let unit: String?
        package let contributions: [(team: String, amount: Double)]
        package let achieved: Double
        package let target: Target?
        package let met: Bool?

        /// " against a target of at least $14M (met)", or "" without a target.
        package func targetText(_ f: Format) -> String {
            guard let target else { return "" }
            var sides: [String] = []
            if let min = target.min { sides.append("at least \(f.quantity(min, unit: unit))") }
            if let max = target.max { sides.append("at most \(f.quantity(max, unit: unit))") }
            return " against a target of " + sides.joined(separator: " and ") + (met == true ? " (met)" : " (missed)")
        }
    }

    package struct RulePrice: Sendable {
        package let name: String
        package let price: String
        package let valueGivenUp: Double?
        package let dollarsMoved: Double?
        package let winners: [(team: String, amount: Double)]
        package let losers: [(team: String, amount: Double)]
        package let text: String
    }

    /// A slice of one request's spend on the investment ladder.
    package struct LadderSlice: Sendable {
        package enum Category: String, Sendable {
            case funded
            case belowLine = "below the line"
            case heldByRule = "held by a rule"
            case indivisible = "a whole unit that does not fit"
            case runTheBusiness = "run the business"
            case noImpact = "no KPI impact"
        }
        package let request: String
        package let team: String
        package let width: Double
        package let valuePerDollar: Double
        package let category: Category
    }

    package struct TalkItem: Sendable {
        package enum Topic: String, Sendable, CaseIterable {
            case policy = "Cut by a rule (policy)"
            case evidence = "Within 10% of the funding line, either side (evidence)"
            case units = "Some of its whole units funded (which ones)"
            case delivery = "Partly funded (delivery)"
            case aboveAsk = "Funded above the ask"
        }
        package let topic: Topic
        package let team: String
        package let request: String
        package let text: String
    }

    package struct TeamSection: Sendable {
        package let id: String
        package let name: String
        package let owner: String
        package let text: String
        package let requests: [(name: String, asked: Double, proposed: Double, status: String, reason: String, note: String?)]
    }

    package let explanation: Explanation
    package let planHash: String
    package let headline: String
    package let teams: [TeamRow]

    /// "Headcount cap 'At most 24 new heads': 24 of at most 24 heads funded (at the cap)."
    package func headcountCapText(_ constraint: Constraint, max: Double) -> String {
        let f = format
        let used = explanation.allocation.unitsFunded(in: constraint.scope)
        let room = max - used
        let state = room < 0.5 ? "at the cap" : "\(f.number(room)) to spare"
        return "Headcount cap ‘\(constraint.name ?? constraint.id)’: \(f.number(used)) of at most \(f.number(max)) heads funded (\(state))."
    }

    /// For a period whose budget does not bind: how much of it is left ("$3.5k left").
    package func periodRoomText(_ period: Allocation.PeriodResult) -> String {
        let f = format
        guard let budget = period.budget else { return "no period budget" }
        let left = budget - period.spend
        return left > 0.5 ? "\(f.money(left)) left" : "not at its limit"
    }
    /// The teams' sums (its name "Total", its owner the budget and what is left of it).
    package let totals: TeamRow
    package let waterfall: [WaterfallStep]
    package let bridges: [KPIBridge]
    package let rules: [RulePrice]
    package let ladder: [LadderSlice]
    /// How many of `ladder`'s slices the ladder chart leaves out: beyond its first
    /// ``ladderChartLimit``, the slices with the least value per dollar.
    package let ladderSlicesNotShown: Int
    package let talkFirst: [TalkItem]
    package let sections: [TeamSection]
    /// The one formatter of every figure in the report, in the plan's currency.
    package let format: Format
    /// The explanation in words, shared by the renderings.
    let said: ExplanationWords
    /// Other totals (the walk, the slider) and the room to negotiate; nil leaves those sections out.
    package var budgets: ReportBudgets? = nil
    /// Columns side by side (`--budgets`, `--scenarios` or `--against`); nil without.
    package var comparison: Comparison? = nil

    /// A comparison and what its columns are.
    package struct Comparison: Sendable {
        package let comparison: PlanComparison
        package let mode: CompareReport.Mode

        package init(_ comparison: PlanComparison, mode: CompareReport.Mode) {
            self.comparison = comparison
            self.mode = mode
        }
    }

    package var allocation: Allocation { explanation.allocation }
    package var plan: Plan { explanation.allocation.plan }

    /// Builds the report of an explained allocation; `planBytes` are the plan file's bytes, for
    /// its fingerprint.
    package init(_ explanation: Explanation, planBytes: [UInt8]) {
        self.explanation = explanation
        let allocation = explanation.allocation
        let plan = allocation.plan
        let said = ExplanationWords(explanation)
        self.said = said
        let f = said.format
        format = f
        planHash = SHA256.hex(planBytes)
        headline = AllocationText.headline(allocation, explanation: explanation, f)

        let reasons = said.mainReasons
        teams = allocation.teams.sorted { $0.gap > $1.gap }.map { team in
            TeamRow(
                id: team.id, name: team.name, owner: team.owner ?? "", asked: team.asked, committed: team.committed,
                newAsks: team.newAsks, proposed: team.allocated, gap: team.gap,
                newAsksFunded: team.newAsks > 0.5 ? max(0, team.allocated - team.committed) / team.newAsks : nil,
                headsAsked: team.unitsAsked, headsFunded: team.unitsFunded, mainReason: reasons[team.id] ?? "")
        }

        let sum: (KeyPath<TeamRow, Double>) -> Double = { [teams] path in teams.reduce(0) { $0 + $1[keyPath: path] } }
        totals = TeamRow(
            id: "", name: "Total",
            owner: plan.budget.total.map { "budget \(f.money($0)), unspent \(f.money(max($0 - allocation.spend, 0)))" } ?? "",
            asked: sum(\.asked), committed: sum(\.committed), newAsks: sum(\.newAsks), proposed: sum(\.proposed), gap: sum(\.gap),
            newAsksFunded: sum(\.newAsks) > 0.5 ? max(0, sum(\.proposed) - sum(\.committed)) / sum(\.newAsks) : nil,
            headsAsked: sum(\.headsAsked), headsFunded: sum(\.headsFunded), mainReason: "")
        let line = explanation.fundingLine ?? 0
        waterfall = Self.waterfall(explanation, line: line, said.words)
        bridges = plan.kpis.map { kpi in
            let result = allocation.kpis.first { $0.id == kpi.id }!
            let contributions = plan.teams.map { team in
                (team.name, allocation.requests[allocation.requestRange(ofTeam: team.id)].reduce(0) { $0 + ($1.impact(of: kpi.id) ?? 0) })
            }.filter { abs($0.1) > 1e-9 }
            return KPIBridge(name: kpi.name, unit: kpi.unit, contributions: contributions, achieved: result.achieved,
                             target: kpi.target, met: result.met)
        }
        let words = said.words
        rules = explanation.rules.filter(\.binding).map { rule in
            let price = rule.shadowPrice.map { said.rules.price($0, kind: rule.kind, ref: rule.ref) } ?? "—"
            return RulePrice(
                name: words.ruleName(rule), price: price, valueGivenUp: rule.valueGivenUp, dollarsMoved: rule.dollarsMoved,
                winners: rule.ifRemoved.filter { $0.delta > 0 }.map { (words.teamName($0.team), $0.delta) },
                losers: rule.ifRemoved.filter { $0.delta < 0 }.map { (words.teamName($0.team), -$0.delta) },
                text: said.rule(rule))
        }
        ladder = Self.ladder(explanation)
        ladderSlicesNotShown = max(0, ladder.count - Self.ladderChartLimit)
        talkFirst = Self.talkFirst(explanation, line: line, words)
        // Teams and requests matched to their results by id, in the plan's order.
        let teamResults = Dictionary(allocation.teams.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = Dictionary(allocation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sections = plan.teams.compactMap { team in
            guard let teamResult = teamResults[team.id] else { return nil }
            return TeamSection(
                id: team.id, name: team.name, owner: team.owner ?? "", text: said.team(teamResult).text,
                requests: team.requests.compactMap { request in
                    guard let result = results[request.id] else { return nil }
                    return (result.name, result.asked, result.allocated, result.status.rawValue, said.request(result), request.note)
                })
        }
    }

    /// Asked, less what each cause took, plus what rules added back, equals proposed.
    static func waterfall(_ explanation: Explanation, line: Double, _ words: Words) -> [WaterfallStep] {
        let allocation = explanation.allocation
        var cuts: [(String, Double)] = []
        func add(_ label: String, _ amount: Double) {
            if let at = cuts.firstIndex(where: { $0.0 == label }) { cuts[at].1 += amount } else { cuts.append((label, amount)) }
        }
        var addedBack = 0.0
        var above = 0.0
        let reasons = Dictionary(explanation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for result in allocation.requests {
            guard let reason = reasons[result.id] else { continue }
            let gap = result.asked - result.allocated
            if gap < -0.5 { above += -gap; continue }
            // Funded dollars whose value is below the line were added back by a floor, a target or fairness.
            var held = 0.0
            if reason.code == .heldUpByRule {
                for slice in reason.slices where slice.valuePerDollar < line - 1e-9 {
                    held += max(0, min(result.allocated, slice.end) - max(result.committed, slice.start))
                }
            }
            addedBack += held
            guard gap > 0.5 || held > 0.5 else { continue }
            let phased = reason.terms.contains { $0.ref.kind == .period && $0.perDollar > 1e-9 }
            switch reason.code {
            case .heldByRule:
                let rule = reason.terms.filter { !$0.ref.isBudget }.max { $0.perDollar < $1.perDollar }
                add("Held by " + (rule.map { words.ruleLabel($0.ref) } ?? "a rule"), gap)
            case .noImpact, .runTheBusiness:
                add("No KPI impact stated", gap)
            default:
                add(phased ? "Below the funding line (period budgets)" : "Below the funding line", gap + held)
            }
        }
        var steps = [WaterfallStep(label: "Asked", amount: allocation.asked, kind: .total)]
        for (label, amount) in cuts.sorted(by: { $0.1 > $1.1 }) where amount > 0.5 {
            steps.append(.init(label: label, amount: -amount, kind: .cut))
        }
        if addedBack > 0.5 { steps.append(.init(label: "Added back by floors, fairness or targets", amount: addedBack, kind: .addition)) }
        if above > 0.5 { steps.append(.init(label: "Above the ask", amount: above, kind: .addition)) }
        steps.append(.init(label: "Proposed", amount: allocation.spend, kind: .total))
        return steps
    }

    /// The most slices the ladder chart draws: more would make a page of megabytes whose slices
    /// are narrower than a pixel. The rest are counted in ``ladderSlicesNotShown``.
    package static let ladderChartLimit = 4_000

    /// Every slice of every request, ranked by value per dollar.
    static func ladder(_ explanation: Explanation) -> [LadderSlice] {
        let allocation = explanation.allocation
        var slices: [LadderSlice] = []
        let reasons = Dictionary(explanation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for result in allocation.requests {
            guard let reason = reasons[result.id] else { continue }
            for slice in reason.slices where slice.end > slice.start {
                let funded = max(0, min(result.allocated, slice.end) - slice.start)
                let unfunded = slice.end - slice.start - funded
                let grey = reason.code == .runTheBusiness || reason.code == .noImpact
                if funded > 0.5 {
                    slices.append(.init(request: result.name, team: result.team, width: funded, valuePerDollar: slice.valuePerDollar,
                                        category: grey ? .runTheBusiness : .funded))
                }
                if unfunded > 0.5 {
                    let category: LadderSlice.Category
                    switch reason.code {
                    case .runTheBusiness, .noImpact: category = .noImpact
                    case .heldByRule: category = .heldByRule
                    case .indivisible: category = .indivisible
                    default: category = .belowLine
                    }
                    slices.append(.init(request: result.name, team: result.team, width: unfunded, valuePerDollar: slice.valuePerDollar,
                                        category: category))
                }
            }
        }
        // Committed spend without KPI impact comes first (it is funded whatever its return),
        // then every other slice from the best value per dollar down.
        let committed = slices.filter { $0.category == .runTheBusiness }
        let ranked = slices.filter { $0.category != .runTheBusiness }.sorted { $0.valuePerDollar > $1.valuePerDollar }
        return committed + ranked
    }

    /// Who to talk to first, and what would change each decision: requests cut by a rule; near
    /// misses within 10% of the funding line either side (just below: better evidence funds them;
    /// just above: a small change of estimate or budget cuts them); partly funded requests, the
    /// least funded first; whole-unit requests with only some units funded; requests funded
    /// above their ask. Reasons are matched to requests by id.
    static func talkFirst(_ explanation: Explanation, line: Double, _ words: Words) -> [TalkItem] {
        let allocation = explanation.allocation
        let plan = allocation.plan
        let f = words.format
        let reasons = Dictionary(explanation.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let requests = Dictionary(plan.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var items: [TalkItem] = []
        var partial: [(share: Double, item: TalkItem)] = []
        for result in allocation.requests {
            guard let reason = reasons[result.id], let request = requests[result.id] else { continue }
            let team = words.teamName(result.team)
            let full = reason.fullFunding?.valuePerDollar ?? reason.fullFundingAt?.valuePerDollar
            let needs = full.map { " Full funding needs \(f.perUnit($0, rounded: .up)) \(f.per)" + (reason.fullFundingAt?.budget.map { " or a total budget of \(f.money($0, rounded: .up))" } ?? "") + "." } ?? ""
            let holding = (reason.causes ?? []).filter { $0.effect == .holdsDown && $0.ref.kind != .requires }
            if reason.code == .heldByRule, let cause = holding.first {
                items.append(.init(topic: .policy, team: team, request: result.name,
                                   text: "\(f.money(result.asked - result.allocated)) short of the ask, held by \(words.ruleLabel(cause.ref)): without it, it \(cause.certainty.rawValue) get \(f.money(cause.without))."))
            }
            if let value = reason.valuePerDollar, line > 0, abs(value - line) <= 0.1 * line, reason.code != .runTheBusiness, reason.code != .noImpact {
                if result.status == .full {
                    let keeps = reason.keepsFundingDownTo.map { " It stays funded while it returns at least \(f.perUnit($0, rounded: .up)) \(f.per)." } ?? ""
                    items.append(.init(topic: .evidence, team: team, request: result.name,
                                       text: "funded, returning \(f.perUnit(value)) \(f.per) against a line of \(f.perUnit(line)): a lower estimate or a smaller budget could cut it.\(keeps)"))
                } else if value <= line, reason.code != .heldByRule {
                    items.append(.init(topic: .evidence, team: team, request: result.name,
                                       text: "returns \(f.perUnit(value)) \(f.per) against a line of \(f.perUnit(line)): better evidence could fund it.\(needs)"))
                }
            }
            if let asked = result.unitsAsked, let funded = result.unitsFunded, funded > 0.5, funded < asked - 0.5 {
                items.append(.init(topic: .units, team: team, request: result.name,
                                   text: "\(f.number(funded)) of \(f.number(asked)) units funded: which \(f.number(funded)) come first, and what the rest would bring?\(needs)"))
            } else if result.status == .partial, request.unitCost == nil, !request.allOrNothing {
                partial.append((result.allocated / max(result.asked, 1), .init(topic: .delivery, team: team, request: result.name,
                    text: "\(f.money(result.allocated)) of \(f.money(result.asked)) (\(f.percent(result.allocated / result.asked))): what can it deliver with that?\(needs)")))
            }
            if result.isAboveAsk {
                items.append(.init(topic: .aboveAsk, team: team, request: result.name,
                                   text: "\(f.money(result.allocated)) against an ask of \(f.money(result.asked))"))
            }
        }
        return items + partial.sorted { $0.share < $1.share }.map(\.item)
    }

}

extension StakeholderReport {
    /// A team's proposed spend in a period (nil: in all), its requests matched to their results
    /// by id.
    func spend(of team: Team, in period: String?) -> Double {
        team.requests.reduce(0) { total, request in
            guard let result = said.result(request.id) else { return total }
            return total + result.allocated * (period.map { plan.phase(of: request, in: $0) } ?? 1)
        }
    }
}

extension Allocation {
    /// Whole units funded on the unit-cost requests a scope selects (what a headcount cap counts).
    func unitsFunded(in scope: Scope) -> Double {
        let teams = Set(scope.teams), groups = Set(scope.groups), ids = Set(scope.requests)
        var index = 0
        var units = 0.0
        for team in plan.teams {
            let wholeTeam = scope.isWholePlan || teams.contains(team.id) || !groups.isDisjoint(with: team.groups)
            for request in team.requests {
                if wholeTeam || ids.contains(request.id), let funded = requests[index].unitsFunded { units += funded }
                index += 1
            }
        }
        return units
    }
}
