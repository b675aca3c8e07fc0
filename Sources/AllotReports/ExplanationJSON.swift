import Allot
import PlanFormat

/// The explanation as JSON: `allot explain --json` (format ``JSONFormat/version``,
/// models/output/explain.schema.json).
package enum ExplanationJSON {
    /// The whole explanation; `teams` limits requests and teams to those teams.
    ///
    /// A plan without an allocation gets its identity, status, diagnosis and warnings only, as in
    /// ``AllocationJSON``. `timing` adds `solveSeconds` and `explainSeconds`, which change from run
    /// to run.
    package static func render(_ explanation: Explanation, teams filter: Set<String>? = nil, timing: Bool = false) -> JSONValue {
        let allocation = explanation.allocation
        let plan = allocation.plan
        let said = ExplanationWords(explanation)
        var document = AllocationJSON.identity(allocation)
        document.append(("status", .string(allocation.status.rawValue)))
        func timed() {
            guard timing else { return }
            document.append(("solveSeconds", JSONFormat.seconds(allocation.solveSeconds)))
            document.append(("explainSeconds", JSONFormat.seconds(explanation.seconds)))
        }
        guard AllocationJSON.hasAllocation(allocation) else {
            document += [
                ("diagnosis", AllocationJSON.diagnosis(of: allocation, said.words)),
                ("warnings", .array(allocation.warnings.map { .string($0) })),
                ("resolves", .number(Double(explanation.resolves))),
            ]
            timed()
            return .object(document)
        }
        let keep: (String) -> Bool = { filter?.contains($0) ?? true }
        let requests: [JSONValue] = allocation.requests.filter { keep($0.team) }.map { result in
            guard let reason = said.reason(result.id), case .object(var members) = AllocationJSON.request(result) else { return .null }
            members += [
                ("reason", .object([
                    ("code", .string(reason.code.rawValue)), ("text", .string(said.request(result))),
                    ("causes", reason.causes.map { .array($0.map(cause)) } ?? .null),
                ])),
                ("valuePerDollar", .number(reason.valuePerDollar)),
                ("price", .number(reason.price)),
                ("terms", .array(reason.terms.map { term in
                    .object([
                        ("rule", .string(legacyID(term.ref))),
                        ("ref", JSONFormat.reference(term.ref)),
                        ("name", .string(said.words.label(term.ref))),
                        ("perDollar", .number(term.perDollar)),
                    ])
                })),
                ("fullFundingAt", reason.fullFundingAt.map { full in
                    .object([
                        ("valuePerDollar", .number(full.valuePerDollar)),
                        ("budget", .number(full.budget)),
                        ("blockedBy", .string(full.blockedBy.map(legacyID))),
                        ("blockedByRef", full.blockedBy.map(JSONFormat.reference) ?? .null),
                        ("rule", full.ruleLimit.map { .object([("id", .string($0.ref.id)), ("limit", .number($0.limit))]) } ?? .null),
                    ] + thresholdExtras(reason.fullFunding, budget: false))
                } ?? .null),
                ("keepsFundingDownTo", reason.keepsFundingDownTo.map {
                    .object([("valuePerDollar", .number($0))] + thresholdExtras(reason.keepsFunding))
                } ?? .null),
                ("firstFundingAt", reason.firstFundingAt.map { first in
                    .object([("valuePerDollar", .number(first.valuePerDollar))] + thresholdExtras(first))
                } ?? .null),
                ("unitThresholds", .array(reason.units.map { unit in
                    .object([
                        ("unit", .number(Double(unit.unit))), ("valuePerDollar", .number(unit.valuePerDollar)),
                        ("with", .array(unit.with.map { .number(Double($0)) })),
                    ])
                })),
                ("thresholdsComputed", .bool(reason.thresholdsComputed)),
            ]
            // Only when it happened, so that output without a time limit reached stays as it was.
            if reason.thresholdsStoppedByTimeLimit { members.append(("stoppedByTimeLimit", .bool(true))) }
            return .object(members)
        }
        /// A threshold's budget, causes and whether it is approximate (null, [], false when the
        /// threshold was not worked out).
        func thresholdExtras(_ threshold: Explanation.Threshold?, budget: Bool = true) -> [(key: String, value: JSONValue)] {
            (budget ? [("budget", .number(threshold?.budget))] : []) + [
                ("causes", .array((threshold?.causes ?? []).map(JSONFormat.reference))),
                ("approximate", .bool(threshold?.approximate ?? false)),
            ]
        }
        /// A checked cause: its reference, what it does, how sure, and what it holds with.
        func cause(_ cause: Explanation.Cause) -> JSONValue {
            .object([
                ("ref", JSONFormat.reference(cause.ref)),
                ("effect", .string(cause.effect.rawValue)),
                ("certainty", .string(cause.certainty.rawValue)),
                ("together", .array(cause.together.map(JSONFormat.reference))),
                ("without", .number(cause.without)),
                ("whenReturningNothing", .bool(cause.whenReturningNothing)),
            ])
        }
        let teams: [JSONValue] = allocation.teams.filter { keep($0.id) }.map { result in
            guard case .object(var members) = AllocationJSON.team(result) else { return .null }
            let reason = said.team(result)
            members += [("mainReason", .string(reason.mainReason)), ("text", .string(reason.text))]
            return .object(members)
        }
        let rules: [JSONValue] = explanation.rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("ref", JSONFormat.reference(rule.ref)),
                ("name", .string(said.words.ruleName(rule))),
                ("kind", .string(rule.kind)),
                ("binding", .bool(rule.binding)),
                ("atLimit", .bool(rule.atLimit)),
                ("shadowPrice", .number(rule.shadowPrice)),
                ("shadowPriceUnit", .string(said.rules.priceUnit(rule))),
                ("validRange", rule.validRange.map { .object([("lower", .number($0.lower)), ("upper", .number($0.upper))]) } ?? .null),
                ("valueGivenUp", .number(rule.valueGivenUp)),
                ("dollarsMoved", .number(rule.dollarsMoved)),
                ("ifRemoved", .array(rule.ifRemoved.map { .object([("team", .string($0.team)), ("delta", .number($0.delta))]) })),
                ("text", .string(said.rule(rule))),
            ] + (rule.leftOutByTimeLimit.isEmpty ? [] : [("leftOutByTimeLimit", .array(rule.leftOutByTimeLimit.map { .string($0.rawValue) }))]))
        }
        document += [
            ("method", .string(said.method)),
            ("resolves", .number(Double(explanation.resolves))),
            ("valueUnit", .string(said.valueUnit)),
            ("spend", .number(allocation.spend)),
            ("value", .number(allocation.value)),
            ("fundingLine", .number(explanation.fundingLine)),
            ("annualFundingLine", .number(explanation.annualFundingLine)),
        ]
        if !plan.periods.isEmpty {
            document.append(("periodLines", .array(plan.periods.map { period in
                let result = allocation.periods.first { $0.period == period }
                return AllocationJSON.periodLine(
                    period: period, spend: result?.spend ?? 0, budget: result?.budget ?? plan.budget.periods[period],
                    fundingLine: explanation.periodLines[period])
            })))
        }
        document += [
            ("requests", .array(requests)),
            ("teams", .array(teams)),
            ("constraints", .array(rules)),
            ("diagnosis", AllocationJSON.diagnosis(of: allocation, said.words)),
            ("notes", .array(said.notes.map { .string($0) })),
        ]
        if explanation.stoppedByTimeLimit { document.append(("stoppedByTimeLimit", .bool(true))) }
        document += [
            ("warnings", .array(allocation.warnings.map { .string($0) })),
        ]
        timed()
        return .object(document)
    }

    /// Format 1's string for what a term or a block names (`budget`, `spend`, `period:Q1`, a
    /// rule's id, `target:arr`, `requires:a:b` for a needing b), kept beside `ref` through format 2.
    /// It can be ambiguous (a rule may be called `budget`); `ref` never is.
    static func legacyID(_ ref: PlanReference) -> String {
        switch ref {
        case .budget: "budget"
        case .spend: "spend"
        case .period(let period): "period:\(period)"
        case .rule(let id, _): id
        case .target(let id, _): "target:\(id)"
        case .requires(let needed, let of): "requires:\(of):\(needed)"
        case .committed(let id), .units(let id), .ask(let id), .request(let id), .team(let id), .kpi(let id): "\(ref.kind.rawValue):\(id)"
        case .plan: "plan"
        }
    }
}
