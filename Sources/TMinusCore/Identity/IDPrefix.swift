/// The kind of object an ID names, spelled as its four-character prefix (`evt_`, `acc_`, …).
///
/// Prefixes make IDs self-describing in logs and traces and let parsing reject an account ID
/// passed where an event ID was expected.
public enum IDPrefix: String, CaseIterable, Sendable {
    case user = "usr_"
    case account = "acc_"
    case event = "evt_"
    case calendar = "cal_"
    case policy = "pol_"
    case journal = "jrn_"
    case constraint = "cst_"
    case session = "ses_"
    case candidate = "cnd_"
    case hold = "hld_"
    case outbox = "obx_"
    case message = "msg_"
    case channel = "chn_"
}
