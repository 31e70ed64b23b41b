import TMinusCore

/// CalDAV has no push channel (RFC 4791 defines none; the Apple push extension is not offered by
/// the servers we target): every push operation is ``ProviderError/unsupported(_:)``, and callers
/// check ``CalDAVCalendarProvider/pushSupport`` (``PushSupport/pollOnly``) and poll every
/// ``CalDAVCalendarProvider/pollInterval`` instead.
extension CalDAVCalendarProvider {
    public func watch(calendarID: String, request: PushChannelRequest) async throws(ProviderError) -> PushChannel {
        throw pollOnly("watch")
    }

    public func renewWatch(_ channel: PushChannel, request: PushChannelRequest) async throws(ProviderError)
        -> PushRenewal
    {
        throw pollOnly("watch.renew")
    }

    public func stopWatch(_ channel: PushChannel) async throws(ProviderError) {
        throw pollOnly("watch.stop")
    }

    public func decodePush(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        throw pollOnly("push.decode")
    }

    private func pollOnly(_ operation: String) -> ProviderError {
        .unsupported(
            ProviderErrorContext(
                provider: .caldav, operation: operation,
                detail: "CalDAV is poll-only; run an incremental round every \(pollInterval.components.seconds)s"))
    }
}
