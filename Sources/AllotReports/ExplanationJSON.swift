import Allot

/// The explanation as JSON: `allot explain --json`.
public enum ExplanationJSON {
    /// The whole explanation; `teams` limits requests and teams to those teams.
    public static func render(_ explanation: Explanation, teams filter: Set<String>? = nil) -> JSONValue {
        let allocation = explanation.allocation
        let plan = allocation.plan
        let keep: (String) -> Bool = { filter?.contains($0) ?? true }
        let requests: [JSONValue] = zip(allocation.requests, explanation.requests).filter { keep($0.0.team) }.map { result, reason in
            guard case .object(var members) = AllocationJSON.request(result) else { return .null }
            members += [
                ("reason", .object([("code", .string(reason.code.rawValue)), ("text", .string(reason.text))])),
                ("valuePerDollar", .number(reason.valuePerDollar)),
                ("price", .number(reason.price)),
                ("terms", .array(reason.terms.map { term in
                    .object([("rule", .string(term.rule)), ("name", .string(term.name)), ("perDollar", .number(term.perDollar))])
                })),
                ("fullFundingAt", reason.fullFundingAt.map { full in
                    .object([
                        ("valuePerDollar", .number(full.valuePerDollar)),
                        ("budget", .number(full.budget)),
                        ("blockedBy", .string(full.blockedBy)),
                        ("rule", full.ruleLimit.map { .object([("id", .string($0.rule)), ("limit", .number($0.limit))]) } ?? .null),
                    ])
                } ?? .null),
                ("keepsFundingDownTo", reason.keepsFundingDownTo.map { .object([("valuePerDollar", .number($0))]) } ?? .null),
                ("thresholdsComputed", .bool(reason.thresholdsComputed)),
            ]
            // Only when it happened, so that output without a time limit reached stays as it was.
            if reason.thresholdsStoppedByTimeLimit { members.append(("stoppedByTimeLimit", .bool(true))) }
            return .object(members)
        }
        let teams: [JSONValue] = zip(allocation.teams, explanation.teams).filter { keep($0.0.id) }.map { result, reason in
            guard case .object(var members) = AllocationJSON.team(result) else { return .null }
            members += [("mainReason", .string(reason.mainReason)), ("text", .string(reason.text))]
            return .object(members)
        }
        let rules: [JSONValue] = explanation.rules.map { rule in
            .object([
                ("id", .string(rule.id)),
                ("name", .string(rule.name)),
                ("kind", .string(rule.kind)),
                ("binding", .bool(rule.binding)),
                ("atLimit", .bool(rule.atLimit)),
                ("shadowPrice", .number(rule.shadowPrice)),
                ("shadowPriceUnit", .string(rule.unit)),
                ("validRange", rule.validRange.map { .object([("lower", .number($0.lower)), ("upper", .number($0.upper))]) } ?? .null),
                ("valueGivenUp", .number(rule.valueGivenUp)),
                ("dollarsMoved", .number(rule.dollarsMoved)),
                ("ifRemoved", .array(rule.ifRemoved.map { .object([("team", .string($0.team)), ("delta", .number($0.delta))]) })),
                ("text", .string(rule.text)),
            ] + (rule.leftOutByTimeLimit.isEmpty ? [] : [("leftOutByTimeLimit", .array(rule.leftOutByTimeLimit.map { .string($0) }))]))
        }
        var document: [(key: String, value: JSONValue)] = [
            ("plan", .string(plan.name)),
            ("scenario", .string(allocation.scenario?.id)),
            ("status", .string(allocation.status.rawValue)),
            ("method", .string(explanation.method)),
            ("valueUnit", .string(explanation.valueUnit)),
            ("spend", .number(allocation.spend)),
            ("value", .number(allocation.value)),
            ("fundingLine", .number(explanation.fundingLine)),
        ]
        if !plan.periods.isEmpty {
            document.append(("periodLines", .array(plan.periods.map {
                .object([("period", .string($0)), ("fundingLine", .number(explanation.periodLines[$0]))])
            })))
        }
        document += [
            ("requests", .array(requests)),
            ("teams", .array(teams)),
            ("constraints", .array(rules)),
            ("diagnosis", allocation.diagnosis.map(AllocationJSON.diagnosis) ?? .null),
            ("notes", .array(explanation.notes.map { .string($0) })),
        ]
        if explanation.stoppedByTimeLimit { document.append(("stoppedByTimeLimit", .bool(true))) }
        document += [
            ("warnings", .array(allocation.warnings.map { .string($0) })),
        ]
        return .object(document)
    }
}
