import Testing

@testable import PlanFormat

@Suite struct MoneyTests {
    func amountError(_ text: String) -> String? {
        do {
            _ = try Money.amount(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        ("1.2M", 1_200_000.0), ("750k", 750_000), ("$2.5m", 2_500_000), ("1,200,000", 1_200_000),
        ("€3.4 MM", 3_400_000), ("2bn", 2_000_000_000), ("$ 1.5 k", 1_500), ("£12", 12), ("¥ 1,000", 1_000),
        ("  42  ", 42), ("3B", 3_000_000_000), ("0.5k", 500), ("999", 999), ("12,345.67", 12_345.67),
        ("0", 0), ("1K", 1_000), ("7 bn", 7_000_000_000), ("0.01", 0.01),
    ])
    func readsTheMoneyGrammar(text: String, expected: Double) throws {
        #expect(try Money.amount(text) == expected)
    }

    @Test func readsDecimalsExactly() throws {
        #expect(try Money.amount("2.01M") == 2_010_000)
        #expect(try Money.amount("2.01M") == Double(201) * 1e4)
        #expect(try Money.amount("0.07k") == 70)
        #expect(try Money.amount("1.1k") == 1100)
        #expect(try Money.amount("4.35M") == 4_350_000)
        #expect(DecimalAmount(digits: "201", exponent: 4).doubleValue == 2_010_000)
    }

    @Test func rejectsWhatBreaksTheGrammar() {
        #expect(amountError("1,2M") == "\"1,2M\" is not a money amount: thousands commas must separate groups of three digits, as in \"1,200,000\"")
        #expect(amountError("1,2345") == "\"1,2345\" is not a money amount: thousands commas must separate groups of three digits, as in \"1,200,000\"")
        #expect(amountError("1234,567")?.contains("groups of three digits") == true)
        #expect(amountError("1.2.3M") == "\"1.2.3M\" is not a money amount: it has more than one decimal point")
        #expect(amountError("12 dollars") == "\"12 dollars\" is not a money amount: \"dollars\" is not a suffix (use k, M, MM, B or bn); write amounts like 1200000, \"1.2M\", \"750k\" or \"$2.5m\"")
        #expect(amountError("") == "an empty string is not a money amount; write amounts like 1200000, \"1.2M\", \"750k\" or \"$2.5m\"")
        #expect(amountError("   ")?.hasPrefix("an empty string") == true)
        #expect(amountError("-5k") == "money is never negative, found \"-5k\"")
        #expect(amountError("$-5k") == "money is never negative, found \"$-5k\"")
        #expect(amountError("$")?.contains("it has no digits") == true)
        #expect(amountError(".5M")?.contains("write a digit before the decimal point") == true)
        #expect(amountError("1.M")?.contains("expected digits after the decimal point") == true)
        #expect(amountError("1 200")?.contains("spaces cannot separate digits") == true)
        #expect(amountError("5k$")?.contains("the currency symbol comes first") == true)
        #expect(amountError("1e6")?.contains("\"e\" is not a suffix") == true)
        #expect(amountError("2kk")?.contains("\"kk\" is not a suffix") == true)
    }

    @Test func limitsTheSize() {
        #expect(amountError("2000000bn") == "\"2000000bn\" is beyond 1e15; amounts and quantities must be at most 1e15 in size")
        #expect((try? Money.amount("1000000B")) == 1e15)
        #expect(throws: MoneyError.self) { try Money.checkAmount(.infinity, written: "1e400") }
        #expect(throws: MoneyError.self) { try Money.checkQuantity(-2e15, written: "-2e15") }
        #expect(throws: MoneyError.self) { try Money.checkAmount(-1, written: "-1") }
        #expect((try? Money.checkQuantity(-1e15, written: "-1e15")) == -1e15)
    }

    @Test func limitsTheSmallness() {
        // Sizes like 5e-324 pass as numbers but wreck the program's scaling: refused at reading.
        #expect(amountError("0.000001") == "\"0.000001\" is less than a cent; amounts must be 0 or at least 0.01")
        #expect(throws: MoneyError.self) { try Money.checkQuantity(Double.leastNonzeroMagnitude, written: "5e-324") }
        #expect(throws: MoneyError.self) { try Money.checkQuantity(-1e-10, written: "-1e-10") }
        #expect(throws: MoneyError.self) { try Money.checkFraction(1e-100, written: "1e-100") }
        #expect((try? Money.checkQuantity(1e-9, written: "1e-9")) == 1e-9)
        #expect((try? Money.checkFraction(0, written: "0")) == 0)
    }

    @Test func quantitiesMayBeNegative() throws {
        #expect(try Money.quantity("-1.5M") == -1_500_000)
        #expect(try Money.quantity("-$250k") == -250_000)
        #expect(try Money.quantity("$-2k") == -2_000)
        #expect(try Money.quantity("9M") == 9_000_000)
        #expect(throws: MoneyError.self) { try Money.quantity("--5") }
        #expect(throws: MoneyError.self) { try Money.quantity("abc") }
    }

    @Test func readsPercentages() throws {
        #expect(try Money.fraction("33%") == 0.33)
        #expect(try Money.fraction("12.5 %") == 0.125)
        #expect(try Money.fraction("100%") == 1)
        #expect(try Money.fraction("0%") == 0)
        #expect(try Money.checkFraction(0.4, written: "0.4") == 0.4)
        #expect(throws: MoneyError("\"120%\" is out of range: a fraction is between 0 and 1 (or \"0%\" and \"100%\")")) {
            try Money.fraction("120%")
        }
        #expect(throws: MoneyError.self) { try Money.fraction("-5%") }
        #expect(throws: MoneyError.self) { try Money.fraction("0.5") }
        #expect(throws: MoneyError.self) { try Money.fraction("%") }
        #expect(throws: MoneyError.self) { try Money.checkFraction(1.5, written: "1.5") }
        #expect(throws: MoneyError.self) { try Money.checkFraction(.nan, written: "nan") }
    }

    @Test func printsShortAmounts() {
        #expect(Money.short(900_000) == "900k")
        #expect(Money.short(1_200_000) == "1.2M")
        #expect(Money.short(2_010_000) == "2.01M")
        #expect(Money.short(3e9) == "3B")
        #expect(Money.short(250) == "250")
        #expect(Money.short(-1500) == "-1.5k")
    }

    @Test func digitsAfterASuffixAreNamedAsSuch() {
        #expect(amountError("5M5") == "\"5M5\" is not a money amount: digits follow the suffix \"M\"; the suffix comes last, as in \"1.5M\"")
        #expect(amountError("5 5") == "\"5 5\" is not a money amount: spaces cannot separate digits; write 1200000 or \"1,200,000\"")
    }
}
