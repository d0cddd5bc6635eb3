import Foundation
import Notebook

/// Checks a bespoke kind makes of the shared groups it declares. A kind whose trial
/// varies only some of a group's settings (the overfitting lesson's trial is always Adam
/// with its usual constants; the optimiser sweep sets `optimizer` and `learning_rate`
/// itself) keeps the rest at its defaults, and a cell that sets one of them gets an error
/// naming it instead of a setting silently ignored.
enum GroupChecks {
    /// Requires every field of `value` outside `free` to equal the one in `fixed` (the
    /// kind's default group). Problems are reported as `group.field`.
    static func fixed<Group: Encodable>(_ value: Group, _ fixed: Group, group: String, free: Set<String>, why: String,
                                        _ checks: inout ConfigChecks) {
        let given = fields(value), expected = fields(fixed)
        for key in expected.keys.sorted() where !free.contains(key) {
            guard let want = expected[key], let have = given[key], want != have else { continue }
            checks.require(false, "\(group).\(key)", expected: "\(want.shortDescription) (\(why))", found: have.shortDescription)
        }
    }

    /// The group's fields as configuration values, by Swift-side name.
    static func fields<Group: Encodable>(_ value: Group) -> [String: ConfigValue] {
        guard let data = try? JSONEncoder().encode(value), let decoded = try? JSONDecoder().decode(ConfigValue.self, from: data),
              case .object(let object) = decoded else { return [:] }
        return object
    }
}
