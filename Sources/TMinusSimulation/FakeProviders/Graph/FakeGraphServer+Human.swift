/// A person using Outlook (see ``HumanCalendarActions``): editing or deleting our mirrors there
/// too, and moving events between calendars (the REST id changes, the immutable id stays). The
/// changes are ``GraphServerState``'s, forwarded by ``HumanActingServer``.
extension FakeGraphServer: HumanActingServer {}

extension GraphServerState: HumanActionState {}
