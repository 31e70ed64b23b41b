/// A person using Google Calendar's own app (see ``HumanCalendarActions``): the changes are
/// ``GoogleServerState``'s, forwarded by ``HumanActingServer``.
extension FakeGoogleServer: HumanActingServer {}

extension GoogleServerState: HumanActionState {}
