// Generated from the kiorex binary's OpenAPI document by web/scripts/api-types.mjs (openapi-typescript).
// Do not edit: run `bash scripts/gen-api-types.sh` after changing a route; CI fails while this file is stale.

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys that verify Kiorex access tokens (EdDSA).
         * @description Public: no authentication needed.
         */
        get: operations["GET__well_known_jwks_json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up.
         * @description Public: no authentication needed.
         */
        get: operations["GET_healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics, with `Authorization: Bearer <KIOREX_METRICS_TOKEN>` (403 when no token is configured, 401 without the right one).
         * @description Public: no authentication needed.
         */
        get: operations["GET_metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ready for traffic: the database answers and its migrations are current.
         * @description Public: no authentication needed.
         */
        get: operations["GET_readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit log and sign a checkpoint of its head, to be stored away from the server
         * @description Requires permission `admin.audit` (roles: admin).
         */
        get: operations["GET_v1_admin_audit_checkpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit log's hash chain
         * @description Requires permission `admin.audit` (roles: admin).
         */
        get: operations["GET_v1_admin_audit_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dev-outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Messages the embedded dev mailbox stored instead of sending, newest first, codes and links masked (administrators signed in with a second factor; 404 unless KIOREX_SENDER=dev)
         * @description Requires permission `admin.dev_outbox` (roles: admin).
         */
        get: operations["GET_v1_admin_dev_outbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/dev-outbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One message of the dev mailbox as stored, with its code or link; every opening is audited (administrators signed in with a second factor; 404 unless KIOREX_SENDER=dev)
         * @description Requires permission `admin.dev_outbox` (roles: admin).
         */
        get: operations["GET_v1_admin_dev_outbox__id_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List dead-lettered event deliveries, newest first
         * @description Requires permission `admin.events` (roles: admin).
         */
        get: operations["GET_v1_admin_events_dead_letters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/events/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay a dead-lettered event to its consumer (attempts start again)
         * @description Requires permission `admin.events` (roles: admin).
         */
        post: operations["POST_v1_admin_events_dead_letters__id__replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Providers by verification status (default pending), oldest submission first, with what an admin checks: registration number and council, specialties, qualifications.
         * @description Requires permission `admin.providers` (roles: admin).
         */
        get: operations["GET_v1_admin_providers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One provider's full profile as the reviewer sees it before deciding (any status), with the account's email and phone.
         * @description Requires permission `admin.providers` (roles: admin).
         */
        get: operations["GET_v1_admin_providers__id_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/providers/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject a pending provider (a reason is required to reject). Audited; publishes provider.verified / provider.rejected; the doctor is told by email. 409 when not pending.
         * @description Requires permission `admin.providers` (roles: admin).
         */
        post: operations["POST_v1_admin_providers__id__verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/providers/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many providers are in each verification status (the admin's queue counts).
         * @description Requires permission `admin.providers` (roles: admin).
         */
        get: operations["GET_v1_admin_providers_counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/users/{id}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a user's role (with a reason, audited); the user's sessions end.
         * @description Requires permission `admin.users` (roles: admin).
         */
        put: operations["PUT_v1_admin_users__id__role"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a password-reset code. Always 202, whether or not the account exists.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `reset`).
         */
        post: operations["POST_v1_auth_forgot_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email or phone and password. Returns tokens, or an MFA challenge.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `login`).
         */
        post: operations["POST_v1_auth_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Second step of sign-in: the authenticator (TOTP) code or a recovery code. The mfa_token works once, and only with the kiorex_mfa cookie set beside it by the first step.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `login`).
         */
        post: operations["POST_v1_auth_login_mfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_auth_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in account.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove the authenticator (not allowed for administrators). Needs a current code.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        delete: operations["DELETE_v1_auth_mfa_totp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish enrolment with the authenticator's current code; returns ten single-use recovery codes, shown once.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_auth_mfa_totp_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start authenticator enrolment: a new secret, its otpauth:// URI and a QR code (SVG).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_auth_mfa_totp_setup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/otp/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a one-time code by email or SMS (passwordless sign-in or contact verification). Always 202.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `otp`).
         */
        post: operations["POST_v1_auth_otp_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token (body, or the kiorex_refresh cookie with X-CSRF-Token) for new tokens. A reused token ends the session. Rate-limited per session (KIOREX_RATE_REFRESH_SESSION) and, generously, per address (KIOREX_RATE_REFRESH_IP); a 429 carries Retry-After and leaves the refresh token valid.
         * @description Public: no authentication needed.
         */
        post: operations["POST_v1_auth_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (patient by default; providers start unverified). Always 202: a code is sent to verify the contact.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `register`).
         */
        post: operations["POST_v1_auth_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the emailed/SMS code; ends every session of the account.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `reset`).
         */
        post: operations["POST_v1_auth_reset_password"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/social-login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with Google or Apple (OpenID Connect ID token) or Facebook (access token).
         * @description Public: no authentication needed. Rate-limited per address and per account (class `login`).
         */
        post: operations["POST_v1_auth_social_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify-otp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a one-time code: verifies the contact or signs in without a password.
         * @description Public: no authentication needed. Rate-limited per address and per account (class `otp`).
         */
        post: operations["POST_v1_auth_verify_otp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consultation's chat messages, oldest first (participants only).
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__chat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the consultation (its doctor): the booking becomes completed with its duration; both sides of the call are told and disconnected.
         * @description Requires permission `consultation.conduct` (roles: doctor).
         */
        post: operations["POST_v1_consultations__id__end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consultation's SOAP notes: all four parts (with ETag) for its doctor; only the plan for the patient or guardian. 404 until the doctor first writes them.
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__notes"];
        /**
         * Write the SOAP notes (the consultation's doctor, while it is in progress or within 24 hours after it ended; If-Match required once they exist). Replaces all four parts.
         * @description Requires permission `consultation.conduct` (roles: doctor).
         */
        put: operations["PUT_v1_consultations__id__notes"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/prescription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consultation's prescription (its patient, guardian or doctor); 404 when none was issued.
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__prescription"];
        put?: never;
        /**
         * Issue the consultation's prescription (its doctor; while in progress or within 24 hours after the end; once). Signed with the platform's Ed25519 key; a PDF with a verification QR code is stored encrypted.
         * @description Requires permission `consultation.conduct` (roles: doctor).
         */
        post: operations["POST_v1_consultations__id__prescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consultation's rating (its patient, guardian or doctor); 404 when it was not rated.
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__rating"];
        put?: never;
        /**
         * Rate a completed consultation, once (its patient or their guardian). The comment is shown publicly on the doctor's profile with the patient's first name.
         * @description Requires permission `ratings.create` (roles: patient).
         */
        post: operations["POST_v1_consultations__id__rating"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/room": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a participant needs to join the call while it is in progress: the signaling URL and ICE servers (with TURN credentials of their own).
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__room"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/signal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The call's signaling WebSocket (token in ?access_token=). JSON text messages: client sends {type: offer|answer|ice, data} and {type: chat, text}; server sends {type: joined|peer-joined|peer-left, role}, the other side's {type, from, data}, {type: chat, id, from, text, at}, {type: ended}, {type: error, detail}.
         * @description Requires permission `consultation.join` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations__id__signal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start the consultation (its doctor; from 15 minutes before the slot until 30 minutes after it ends): the booking becomes in_progress and the room opens.
         * @description Requires permission `consultation.conduct` (roles: doctor).
         */
        post: operations["POST_v1_consultations__id__start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your bookings (role=patient: yours and your dependents') or appointments (role=doctor).
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations_bookings"];
        put?: never;
        /**
         * Book a free slot for yourself or a dependent (Idempotency-Key honoured; one booking per slot).
         * @description Requires permission `bookings.create` (roles: patient).
         */
        post: operations["POST_v1_consultations_bookings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One booking (its patient, their guardian, or its doctor).
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations_bookings__id_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings/{id}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The booking as an iCalendar file for "Add to calendar" (its patient, their guardian, or its doctor). Times in UTC; the UID stays the same for the booking and SEQUENCE grows with each change, so the file downloaded again after a reschedule updates the event and after a cancellation cancels it (STATUS:CANCELLED). The reason for the visit is not in the file.
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        get: operations["GET_v1_consultations_bookings__id__calendar_ics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Cancel a booking (the patient until the cancellation window, the doctor until it starts).
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        put: operations["PUT_v1_consultations_bookings__id__cancel"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Mark a confirmed booking as a no-show (its doctor, from 15 minutes after the start).
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        put: operations["PUT_v1_consultations_bookings__id__no_show"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/bookings/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Move a booking to another free slot of the same doctor (the patient, until the cancellation window).
         * @description Requires permission `bookings.read` (roles: patient, doctor).
         */
        put: operations["PUT_v1_consultations_bookings__id__reschedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search verified doctors: free text (typo tolerant, prefix as you type) with filters, sort, facet counts (each ignoring its own filter), total and cursor pages.
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_consultations_doctors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A verified doctor's public profile: rating summary, the latest rating comments and the next free slots (404 for anyone not verified).
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_consultations_doctors__id_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/{id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free slots of a verified doctor between two local dates (at most 31 days).
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_consultations_doctors__id__slots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The calling doctor's own profile with its verification status, with ETag (404 before the first PUT).
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        get: operations["GET_v1_consultations_doctors_me"];
        /**
         * Create (201) or update (200, If-Match required) the calling doctor's profile. Members left out keep their value. A submitted profile must stay complete; changing a verified profile's registration or specialties sends it back to pending verification.
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        put: operations["PUT_v1_consultations_doctors_me"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/me/exceptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The doctor's leave and extra hours between two local dates (default: today and the next 90 days).
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        get: operations["GET_v1_consultations_doctors_me_exceptions"];
        put?: never;
        /**
         * Add leave (whole day or part of it) or extra hours on one local date.
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        post: operations["POST_v1_consultations_doctors_me_exceptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/me/exceptions/{exception_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove an exception.
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        delete: operations["DELETE_v1_consultations_doctors_me_exceptions__exception_id_"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/me/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The doctor's weekly working hours, time zone and slot length (version 0 before the first PUT).
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        get: operations["GET_v1_consultations_doctors_me_schedule"];
        /**
         * Replace the weekly working hours (If-Match after the first PUT); may change the time zone and slot length.
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        put: operations["PUT_v1_consultations_doctors_me_schedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/doctors/me/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit the calling doctor's complete profile for verification (status pending; 422 lists what is missing, 409 when it is already pending or verified).
         * @description Requires permission `doctor.practice` (roles: doctor).
         */
        post: operations["POST_v1_consultations_doctors_me_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consultations/specialties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The specialty list (ids are what profiles and the search's specialty filter use; aliases are searchable).
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_consultations_specialties"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Version and deployment facts for clients.
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_meta"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This API's OpenAPI 3.1 document.
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_openapi_json"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prescriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's latest prescriptions, newest first: a doctor's issued ones, else the caller's own and their dependents'. Ids, dates and names only; the medicines are on GET /v1/prescriptions/{id}.
         * @description Requires permission `prescriptions.read` (roles: patient, doctor, pharmacy).
         */
        get: operations["GET_v1_prescriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prescriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A prescription (its patient, their guardian, or the doctor who issued it).
         * @description Requires permission `prescriptions.read` (roles: patient, doctor, pharmacy).
         */
        get: operations["GET_v1_prescriptions__id_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prescriptions/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The prescription as a PDF with its verification QR code (its patient, guardian or doctor).
         * @description Requires permission `prescriptions.read` (roles: patient, doctor, pharmacy).
         */
        get: operations["GET_v1_prescriptions__id__pdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/prescriptions/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a prescription (public, with the code from its QR code): valid only when the code matches and the stored prescription still verifies against the platform's signature. Reveals the doctor and the date only. A browser (Accept preferring text/html, as when the QR code is scanned with a phone) gets the same answer as a page for a person: "Genuine prescription by Dr … on …" or a warning.
         * @description Public: no authentication needed.
         */
        get: operations["GET_v1_prescriptions__id__verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's profile (`me` = yourself), with ETag. Health-related fields are stored encrypted.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id_"];
        /**
         * Update the profile (If-Match required). A new email/phone waits as pending_email/pending_phone until confirmed with the code sent to it.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        put: operations["PUT_v1_users__id_"];
        post?: never;
        /**
         * Erase the account (GDPR): the data key is destroyed, records deleted or anonymised, sessions end. Body {"confirm":"DELETE"}; a guardian whose dependents have no other guardian adds "erase_dependents": true (else 409 dependents-need-confirmation listing them, nothing erased). Answers what was erased and what had to be kept and why.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        delete: operations["DELETE_v1_users__id_"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who read or changed this person's data: actor, read/write, what, on what basis and with what reason.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__access_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current consents per purpose and the full history of grants and withdrawals.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__consents"];
        /**
         * Grant or withdraw a consent (appends to the history; the latest decision per purpose is current).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        put: operations["PUT_v1_users__id__consents"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/contact/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pending email/phone change with the 6-digit code sent to the new address; the address becomes the account's (verified).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__contact_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/emergency-contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Emergency contacts, by priority.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__emergency_contacts"];
        put?: never;
        /**
         * Add an emergency contact (stored encrypted).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__emergency_contacts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/emergency-contacts/{contact_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change an emergency contact (If-Match required; members not sent stay as they are).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        put: operations["PUT_v1_users__id__emergency_contacts__contact_id_"];
        post?: never;
        /**
         * Remove an emergency contact.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        delete: operations["DELETE_v1_users__id__emergency_contacts__contact_id_"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A copy of everything held about the person (GDPR access and portability): JSON, or PDF with ?format=pdf. Each module adds its part (a top-level member), e.g. consultations.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/family-members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Family members in both directions: dependents you manage, accounts linked with you, and requests to you.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__family_members"];
        put?: never;
        /**
         * Create a dependent (201: a new account without sign-in, managed by you) or ask an existing account to link (202 {status: pending} whether or not it exists; they are told by email/SMS).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__family_members"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/family-members/{link_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End a link (either side). Removing a dependent ends your management; their data stays with their account.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        delete: operations["DELETE_v1_users__id__family_members__link_id_"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/family-members/{link_id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a link request made to you.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__family_members__link_id__accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/family-members/{link_id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a link request made to you.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__family_members__link_id__decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/medical-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Medical history entries, newest first (cursor pagination; optional kind filter).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__medical_history"];
        put?: never;
        /**
         * Add a medical history entry (recorded_by = the caller). Content is stored encrypted.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        post: operations["POST_v1_users__id__medical_history"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/medical-history/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One medical history entry, with ETag.
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        get: operations["GET_v1_users__id__medical_history__entry_id_"];
        /**
         * Change a medical history entry (If-Match required; members not sent stay as they are).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        put: operations["PUT_v1_users__id__medical_history__entry_id_"];
        post?: never;
        /**
         * Remove a medical history entry (soft delete: kept for the audit trail, hidden everywhere).
         * @description Requires permission `account.self` (roles: patient, doctor, nurse, lab, pharmacy, hospital, support, admin).
         */
        delete: operations["DELETE_v1_users__id__medical_history__entry_id_"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            detail?: string;
            errors?: {
                field?: string;
                message?: string;
            }[];
            instance?: string;
            request_id?: string;
            status: number;
            title: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GET__well_known_jwks_json: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys?: Record<string, never>[];
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database?: string;
                        pending_migrations?: number;
                        status?: string;
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_audit_checkpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        at: string;
                        at_ms: number;
                        /** @enum {string} */
                        format: "kiorex.audit.checkpoint.v1";
                        /** @description Its hash (64 hex digits) */
                        head_hash: string;
                        /** @description 16 hex digits of SHA-256 of the checkpoint public key */
                        key_id: string;
                        /** @description The first record of the keyed chain (0: none yet) */
                        keyed_from_seq: number;
                        /** @description Ed25519 public key, base64 */
                        public_key: string;
                        /** @description The newest record's seq (0: empty log) */
                        seq: number;
                        /** @description Ed25519 signature, base64, of the signed text (docs/operations/audit-checkpoints.md) */
                        signature: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.audit` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_audit_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The first record that failed (only when ok is false) */
                        first_bad_seq?: number;
                        /** @description The first record of the keyed (HMAC) chain; 0: none yet */
                        keyed_from_seq: number;
                        /**
                         * @description What kind of failure (only when ok is false)
                         * @enum {string}
                         */
                        kind?: "edited" | "deleted" | "switch_over";
                        /** @description Hash of that record; a signed checkpoint (GET /v1/admin/audit/checkpoint) stored elsewhere shows a truncated tail */
                        last_hash: string;
                        /** @description Seq of the last record that checked out (the anchor) */
                        last_seq: number;
                        ok: boolean;
                        /** @description What failed (only when ok is false) */
                        problem?: string;
                        /** @description Records checked */
                        records: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.audit` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_dev_outbox: {
        parameters: {
            query?: {
                /** @description Number of items, 1 to 100 (default 50) */
                limit?: string;
                /** @description Only messages to this e-mail address or phone number (case-insensitive) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            channel: "email" | "sms";
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            subject: string;
                            text: string;
                            to: string;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.dev_outbox` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_dev_outbox__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "email" | "sms";
                        /** Format: date-time */
                        created_at: string;
                        id: string;
                        subject: string;
                        text: string;
                        to: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.dev_outbox` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_events_dead_letters: {
        parameters: {
            query?: {
                /** @description true to include dead letters that were already replayed (default false) */
                include_replayed?: string;
                /** @description Number of items, 1 to 100 (default 50) */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            /** @description The consumer that gave up on the event */
                            consumer: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description The consumer's last error */
                            error: string;
                            event_id: string;
                            /** @description Dead letter id (dlq_...) */
                            id: string;
                            /** Format: date-time */
                            replayed_at: string | null;
                            /** @description Event type */
                            type: string;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.events` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_admin_events_dead_letters__id__replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "replayed";
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.events` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_providers: {
        parameters: {
            query?: {
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description 1-100, default 20 */
                limit?: string;
                /** @description pending (default) | verified | rejected | draft */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            email?: string | null;
                            experience_years?: number | null;
                            /** @enum {string} */
                            kind: "doctor";
                            name: string;
                            qualifications?: {
                                degree?: string;
                                institution?: string | null;
                                year?: number | null;
                            }[];
                            registration?: {
                                council?: string;
                                number?: string;
                            } | null;
                            rejection_reason?: string | null;
                            specialties?: string[];
                            status: string;
                            /** Format: date-time */
                            submitted_at?: string | null;
                            user_id: string;
                            /** Format: date-time */
                            verified_at?: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.providers` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_providers__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bio?: string | null;
                        conditions?: string[];
                        consultation_types?: Record<string, never>;
                        email?: string | null;
                        experience_years?: number | null;
                        languages?: string[];
                        locations?: Record<string, never>[];
                        name: string;
                        phone?: string | null;
                        qualifications?: Record<string, never>[];
                        registration?: Record<string, never> | null;
                        rejection_reason?: string | null;
                        specialties?: string[];
                        status: string;
                        submitted_at?: string | null;
                        time_zone?: string | null;
                        user_id: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.providers` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_admin_providers__id__verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "approve" | "reject";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rejection_reason?: string | null;
                        /** @enum {string} */
                        status: "verified" | "rejected";
                        user_id: string;
                        /** Format: date-time */
                        verified_at?: string | null;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.providers` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_admin_providers_counts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        draft: number;
                        pending: number;
                        rejected: number;
                        verified: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.providers` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_admin_users__id__role: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                    /** @enum {string} */
                    role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string;
                        email?: string | null;
                        email_verified?: boolean;
                        id: string;
                        mfa_enabled?: boolean;
                        name: string;
                        phone?: string | null;
                        phone_verified?: boolean;
                        /** @enum {string} */
                        provider_verification?: "pending" | "verified" | "rejected";
                        /** @enum {string} */
                        role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                        status: string;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `admin.users` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_forgot_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description email or +E.164 phone */
                    identifier: string;
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel?: string;
                        status?: string;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description email or +E.164 phone */
                    identifier: string;
                    password: string;
                    remember_device?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token?: string;
                        expires_in?: number;
                        mfa_required?: boolean;
                        mfa_setup_required?: boolean;
                        mfa_token?: string;
                        refresh_token?: string;
                        token_type?: string;
                        user?: {
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            email_verified?: boolean;
                            id: string;
                            mfa_enabled?: boolean;
                            name: string;
                            phone?: string | null;
                            phone_verified?: boolean;
                            /** @enum {string} */
                            provider_verification?: "pending" | "verified" | "rejected";
                            /** @enum {string} */
                            role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                            status: string;
                        };
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_login_mfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    mfa_token: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token?: string;
                        expires_in?: number;
                        mfa_required?: boolean;
                        mfa_setup_required?: boolean;
                        mfa_token?: string;
                        refresh_token?: string;
                        token_type?: string;
                        user?: {
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            email_verified?: boolean;
                            id: string;
                            mfa_enabled?: boolean;
                            name: string;
                            phone?: string | null;
                            phone_verified?: boolean;
                            /** @enum {string} */
                            provider_verification?: "pending" | "verified" | "rejected";
                            /** @enum {string} */
                            role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                            status: string;
                        };
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at?: string;
                        email?: string | null;
                        email_verified?: boolean;
                        id: string;
                        mfa_enabled?: boolean;
                        name: string;
                        phone?: string | null;
                        phone_verified?: boolean;
                        /** @enum {string} */
                        provider_verification?: "pending" | "verified" | "rejected";
                        /** @enum {string} */
                        role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                        status: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_auth_mfa_totp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_mfa_totp_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        recovery_codes?: string[];
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_mfa_totp_setup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        otpauth_uri?: string;
                        qr_svg?: string;
                        secret?: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_otp_request: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description email or +E.164 phone */
                    identifier: string;
                    /** @enum {string} */
                    purpose: "login" | "verify_contact";
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel?: string;
                        status?: string;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh_token?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token?: string;
                        expires_in?: number;
                        mfa_required?: boolean;
                        mfa_setup_required?: boolean;
                        mfa_token?: string;
                        refresh_token?: string;
                        token_type?: string;
                        user?: {
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            email_verified?: boolean;
                            id: string;
                            mfa_enabled?: boolean;
                            name: string;
                            phone?: string | null;
                            phone_verified?: boolean;
                            /** @enum {string} */
                            provider_verification?: "pending" | "verified" | "rejected";
                            /** @enum {string} */
                            role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                            status: string;
                        };
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string;
                    name: string;
                    password: string;
                    /** @description +E.164 */
                    phone?: string;
                    /**
                     * @default patient
                     * @enum {string}
                     */
                    role?: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital";
                };
            };
        };
        responses: {
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channel?: string;
                        status?: string;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_reset_password: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    /** @description email or +E.164 phone */
                    identifier: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status?: "password_reset";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_social_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    access_token?: string;
                    id_token?: string;
                    nonce?: string;
                    /** @enum {string} */
                    provider: "google" | "apple" | "facebook";
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token?: string;
                        expires_in?: number;
                        mfa_required?: boolean;
                        mfa_setup_required?: boolean;
                        mfa_token?: string;
                        refresh_token?: string;
                        token_type?: string;
                        user?: {
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            email_verified?: boolean;
                            id: string;
                            mfa_enabled?: boolean;
                            name: string;
                            phone?: string | null;
                            phone_verified?: boolean;
                            /** @enum {string} */
                            provider_verification?: "pending" | "verified" | "rejected";
                            /** @enum {string} */
                            role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                            status: string;
                        };
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_auth_verify_otp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    /** @description email or +E.164 phone */
                    identifier: string;
                    /** @enum {string} */
                    purpose: "login" | "verify_contact";
                    remember_device?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token?: string;
                        expires_in?: number;
                        mfa_required?: boolean;
                        mfa_setup_required?: boolean;
                        mfa_token?: string;
                        refresh_token?: string;
                        token_type?: string;
                        user?: {
                            /** Format: date-time */
                            created_at?: string;
                            email?: string | null;
                            email_verified?: boolean;
                            id: string;
                            mfa_enabled?: boolean;
                            name: string;
                            phone?: string | null;
                            phone_verified?: boolean;
                            /** @enum {string} */
                            provider_verification?: "pending" | "verified" | "rejected";
                            /** @enum {string} */
                            role: "patient" | "doctor" | "nurse" | "lab" | "pharmacy" | "hospital" | "support" | "admin";
                            status: string;
                        };
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__chat: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description Number of items, 1 to 100 (default 20) */
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            at: string;
                            /** @enum {string} */
                            from: "patient" | "doctor";
                            id: string;
                            text: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations__id__end: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking_id: string;
                        duration_seconds: number;
                        /** Format: date-time */
                        ended_at: string;
                        /** Format: date-time */
                        started_at: string;
                        /** @enum {string} */
                        status: "completed";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.conduct` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__notes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessment?: string;
                        booking_id: string;
                        /** Format: date-time */
                        created_at?: string;
                        objective?: string;
                        plan: string;
                        subjective?: string;
                        /** Format: date-time */
                        updated_at: string;
                        version?: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations__id__notes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    assessment?: string | null;
                    objective?: string | null;
                    plan?: string | null;
                    subjective?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        assessment: string;
                        booking_id: string;
                        /** Format: date-time */
                        created_at: string;
                        objective: string;
                        plan: string;
                        subjective: string;
                        /** Format: date-time */
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.conduct` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__prescription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        advice: string | null;
                        booking_id: string;
                        doctor: {
                            id?: string;
                            name?: string;
                            registration?: {
                                council?: string;
                                number?: string;
                            };
                        };
                        follow_up: string | null;
                        id: string;
                        /** Format: date-time */
                        issued_at: string;
                        items: {
                            dose: string;
                            duration: string;
                            form?: string | null;
                            frequency: string;
                            instructions?: string | null;
                            medicine: string;
                            route?: string | null;
                            strength?: string | null;
                        }[];
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        pdf_url: string;
                        signature?: {
                            alg?: string;
                            kid?: string;
                        };
                        /** @description Only in the issuing response (the code is stored only as a hash); the PDF's QR code carries it. */
                        verify_url: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations__id__prescription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    advice?: string | null;
                    follow_up?: string | null;
                    items: {
                        dose: string;
                        duration: string;
                        form?: string | null;
                        frequency: string;
                        instructions?: string | null;
                        medicine: string;
                        route?: string | null;
                        strength?: string | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        advice: string | null;
                        booking_id: string;
                        doctor: {
                            id?: string;
                            name?: string;
                            registration?: {
                                council?: string;
                                number?: string;
                            };
                        };
                        follow_up: string | null;
                        id: string;
                        /** Format: date-time */
                        issued_at: string;
                        items: {
                            dose: string;
                            duration: string;
                            form?: string | null;
                            frequency: string;
                            instructions?: string | null;
                            medicine: string;
                            route?: string | null;
                            strength?: string | null;
                        }[];
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        pdf_url: string;
                        signature?: {
                            alg?: string;
                            kid?: string;
                        };
                        /** @description Only in the issuing response (the code is stored only as a hash); the PDF's QR code carries it. */
                        verify_url: string | null;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.conduct` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__rating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking_id: string;
                        comment: string | null;
                        /** Format: date-time */
                        created_at: string;
                        stars: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations__id__rating: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string | null;
                    stars: number;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking_id: string;
                        comment: string | null;
                        /** Format: date-time */
                        created_at: string;
                        stars: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `ratings.create` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__room: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ice_servers: {
                            /** @description base64(HMAC-SHA1(TURN secret, username)) */
                            credential?: string;
                            urls: string[];
                            /** @description <unix expiry>:<user id> */
                            username?: string;
                        }[];
                        signal_url: string;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations__id__signal: {
        parameters: {
            query?: {
                /** @description The bearer access token (browsers cannot set headers on a WebSocket) */
                access_token?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.join` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations__id__start: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booking_id: string;
                        room: {
                            ice_servers: {
                                /** @description base64(HMAC-SHA1(TURN secret, username)) */
                                credential?: string;
                                urls: string[];
                                /** @description <unix expiry>:<user id> */
                                username?: string;
                            }[];
                            signal_url: string;
                        };
                        /** Format: date-time */
                        started_at: string;
                        /** @enum {string} */
                        status: "in_progress";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `consultation.conduct` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_bookings: {
        parameters: {
            query?: {
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description slot start at or after (ISO instant or date); orders by start ascending */
                from?: string;
                /** @description 1-100, default 20 */
                limit?: string;
                /** @description patient or doctor (default: your role) */
                role?: string;
                /** @description comma list of statuses */
                status?: string;
                /** @description slot start before (ISO instant or date) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            booked_by: string;
                            cancellation: {
                                at?: string;
                                /** @enum {string} */
                                by?: "patient" | "doctor" | "system";
                                reason?: string | null;
                            } | null;
                            created_at: string;
                            doctor: {
                                id?: string;
                                name?: string;
                            };
                            duration_seconds: number | null;
                            /** Format: date-time */
                            end: string;
                            ended_at: string | null;
                            fee: {
                                amount?: number;
                                currency?: string;
                            };
                            follow_up_of: string | null;
                            /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                            follow_up_until?: string | null;
                            id: string;
                            /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                            local_start: string;
                            location: {
                                address?: {
                                    city?: string;
                                    country?: string;
                                    line1?: string;
                                    line2?: string | null;
                                    postal_code?: string | null;
                                    region?: string | null;
                                } | null;
                                address_line?: string | null;
                                city?: string | null;
                                /** @description an OpenStreetMap link to the clinic */
                                directions_url?: string | null;
                                id?: string;
                                lat?: number | null;
                                lng?: number | null;
                                name?: string | null;
                            } | null;
                            patient: {
                                id?: string;
                                name?: string;
                            };
                            reason: string | null;
                            /** @description the previous start */
                            rescheduled_from: string | null;
                            /** Format: date-time */
                            start: string;
                            started_at: string | null;
                            /** @enum {string} */
                            status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                            time_zone: string;
                            /** @enum {string} */
                            type: "video" | "clinic";
                            updated_at: string;
                            version: number;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations_bookings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    doctor_id: string;
                    location_id?: string | null;
                    /** @description a dependent you are guardian of (default: you) */
                    patient_id?: string | null;
                    /** @description reason for the visit (stored encrypted) */
                    reason?: string | null;
                    /**
                     * Format: date-time
                     * @description a free slot's start
                     */
                    start: string;
                    /** @enum {string} */
                    type: "video" | "clinic";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booked_by: string;
                        cancellation: {
                            at?: string;
                            /** @enum {string} */
                            by?: "patient" | "doctor" | "system";
                            reason?: string | null;
                        } | null;
                        created_at: string;
                        doctor: {
                            id?: string;
                            name?: string;
                        };
                        duration_seconds: number | null;
                        /** Format: date-time */
                        end: string;
                        ended_at: string | null;
                        fee: {
                            amount?: number;
                            currency?: string;
                        };
                        follow_up_of: string | null;
                        /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                        follow_up_until?: string | null;
                        id: string;
                        /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                        local_start: string;
                        location: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            } | null;
                            address_line?: string | null;
                            city?: string | null;
                            /** @description an OpenStreetMap link to the clinic */
                            directions_url?: string | null;
                            id?: string;
                            lat?: number | null;
                            lng?: number | null;
                            name?: string | null;
                        } | null;
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        reason: string | null;
                        /** @description the previous start */
                        rescheduled_from: string | null;
                        /** Format: date-time */
                        start: string;
                        started_at: string | null;
                        /** @enum {string} */
                        status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                        time_zone: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.create` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_bookings__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booked_by: string;
                        cancellation: {
                            at?: string;
                            /** @enum {string} */
                            by?: "patient" | "doctor" | "system";
                            reason?: string | null;
                        } | null;
                        created_at: string;
                        doctor: {
                            id?: string;
                            name?: string;
                        };
                        duration_seconds: number | null;
                        /** Format: date-time */
                        end: string;
                        ended_at: string | null;
                        fee: {
                            amount?: number;
                            currency?: string;
                        };
                        follow_up_of: string | null;
                        /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                        follow_up_until?: string | null;
                        id: string;
                        /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                        local_start: string;
                        location: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            } | null;
                            address_line?: string | null;
                            city?: string | null;
                            /** @description an OpenStreetMap link to the clinic */
                            directions_url?: string | null;
                            id?: string;
                            lat?: number | null;
                            lng?: number | null;
                            name?: string | null;
                        } | null;
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        reason: string | null;
                        /** @description the previous start */
                        rescheduled_from: string | null;
                        /** Format: date-time */
                        start: string;
                        started_at: string | null;
                        /** @enum {string} */
                        status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                        time_zone: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_bookings__id__calendar_ics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": Record<string, never>;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations_bookings__id__cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booked_by: string;
                        cancellation: {
                            at?: string;
                            /** @enum {string} */
                            by?: "patient" | "doctor" | "system";
                            reason?: string | null;
                        } | null;
                        created_at: string;
                        doctor: {
                            id?: string;
                            name?: string;
                        };
                        duration_seconds: number | null;
                        /** Format: date-time */
                        end: string;
                        ended_at: string | null;
                        fee: {
                            amount?: number;
                            currency?: string;
                        };
                        follow_up_of: string | null;
                        /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                        follow_up_until?: string | null;
                        id: string;
                        /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                        local_start: string;
                        location: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            } | null;
                            address_line?: string | null;
                            city?: string | null;
                            /** @description an OpenStreetMap link to the clinic */
                            directions_url?: string | null;
                            id?: string;
                            lat?: number | null;
                            lng?: number | null;
                            name?: string | null;
                        } | null;
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        reason: string | null;
                        /** @description the previous start */
                        rescheduled_from: string | null;
                        /** Format: date-time */
                        start: string;
                        started_at: string | null;
                        /** @enum {string} */
                        status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                        time_zone: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations_bookings__id__no_show: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booked_by: string;
                        cancellation: {
                            at?: string;
                            /** @enum {string} */
                            by?: "patient" | "doctor" | "system";
                            reason?: string | null;
                        } | null;
                        created_at: string;
                        doctor: {
                            id?: string;
                            name?: string;
                        };
                        duration_seconds: number | null;
                        /** Format: date-time */
                        end: string;
                        ended_at: string | null;
                        fee: {
                            amount?: number;
                            currency?: string;
                        };
                        follow_up_of: string | null;
                        /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                        follow_up_until?: string | null;
                        id: string;
                        /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                        local_start: string;
                        location: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            } | null;
                            address_line?: string | null;
                            city?: string | null;
                            /** @description an OpenStreetMap link to the clinic */
                            directions_url?: string | null;
                            id?: string;
                            lat?: number | null;
                            lng?: number | null;
                            name?: string | null;
                        } | null;
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        reason: string | null;
                        /** @description the previous start */
                        rescheduled_from: string | null;
                        /** Format: date-time */
                        start: string;
                        started_at: string | null;
                        /** @enum {string} */
                        status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                        time_zone: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations_bookings__id__reschedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date-time */
                    start: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        booked_by: string;
                        cancellation: {
                            at?: string;
                            /** @enum {string} */
                            by?: "patient" | "doctor" | "system";
                            reason?: string | null;
                        } | null;
                        created_at: string;
                        doctor: {
                            id?: string;
                            name?: string;
                        };
                        duration_seconds: number | null;
                        /** Format: date-time */
                        end: string;
                        ended_at: string | null;
                        fee: {
                            amount?: number;
                            currency?: string;
                        };
                        follow_up_of: string | null;
                        /** @description a free follow-up with the doctor can be booked to start until then (completed consultations) */
                        follow_up_until?: string | null;
                        id: string;
                        /** @description YYYY-MM-DDTHH:MM in the doctor's time zone */
                        local_start: string;
                        location: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            } | null;
                            address_line?: string | null;
                            city?: string | null;
                            /** @description an OpenStreetMap link to the clinic */
                            directions_url?: string | null;
                            id?: string;
                            lat?: number | null;
                            lng?: number | null;
                            name?: string | null;
                        } | null;
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        reason: string | null;
                        /** @description the previous start */
                        rescheduled_from: string | null;
                        /** Format: date-time */
                        start: string;
                        started_at: string | null;
                        /** @enum {string} */
                        status: "pending_payment" | "confirmed" | "in_progress" | "completed" | "cancelled" | "no_show";
                        time_zone: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `bookings.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD in the doctor's time zone: at least one free slot */
                available_on?: string;
                /** @description ISO 4217; needed by fee_min, fee_max and fee sorts, which then keep only doctors charging in it */
                currency?: string;
                /** @description next_cursor of the previous page (same filters and sort) */
                cursor?: string;
                /** @description minor units of `currency`, on the chosen type, else on any */
                fee_max?: string;
                /** @description minor units of `currency`, on the chosen type, else on any */
                fee_min?: string;
                /** @description comma separated top-level fields to keep (id always kept) */
                fields?: string;
                /** @description female | male | other | undisclosed */
                gender?: string;
                /** @description BCP 47 code(s), comma separated (any of); en matches en-GB too */
                language?: string;
                /** @description 1-100, default 20 */
                limit?: string;
                /** @description lat,lng */
                near?: string;
                /** @description free text over name, specialties and aliases, conditions, clinics, cities, languages */
                q?: string;
                /** @description with near: default 25, at most 500 */
                radius_km?: string;
                /** @description 0-5, compared with the average as shown (one decimal); also rating>=4 / rating>4, the mission's form */
                rating_min?: string;
                /** @description relevance (default with q) | rating:desc (default; by Bayesian score) | fee:asc | fee:desc | distance | next_available */
                sort?: string;
                /** @description specialty id(s), comma separated (any of) */
                specialty?: string;
                /** @description video | clinic */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        facets: {
                            language?: {
                                count?: number;
                                id?: string;
                            }[];
                            specialty?: {
                                count?: number;
                                id?: string;
                                name?: string;
                            }[];
                        };
                        fees_in: {
                            currency?: string;
                            doctors_in_other_currencies?: number;
                        } | null;
                        items: {
                            conditions?: string[];
                            consultation_types?: Record<string, never>;
                            distance_km?: number | null;
                            experience_years?: number | null;
                            gender?: string | null;
                            id: string;
                            languages?: string[];
                            locations?: {
                                city?: string;
                                id?: string;
                                lat?: number;
                                lng?: number;
                                name?: string;
                            }[];
                            name?: string;
                            /** Format: date-time */
                            next_available_at?: string | null;
                            photo_ref?: string | null;
                            rating?: {
                                average?: number | null;
                                count?: number;
                                raw_average?: number | null;
                                score?: number | null;
                            };
                            specialties?: {
                                id?: string;
                                name?: string;
                            }[];
                        }[];
                        next_cursor: string | null;
                        total: number;
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bio?: string | null;
                        comments?: {
                            comment?: string;
                            /** Format: date-time */
                            created_at?: string;
                            first_name?: string;
                            stars?: number;
                        }[];
                        conditions?: string[];
                        consultation_types?: Record<string, never>;
                        experience_years?: number | null;
                        follow_up_days?: number;
                        gender?: string | null;
                        id: string;
                        languages?: string[];
                        locations?: {
                            address?: Record<string, never>;
                            id?: string;
                            lat?: number;
                            lng?: number;
                            name?: string;
                        }[];
                        name: string;
                        /** Format: date-time */
                        next_available_at?: string | null;
                        next_slots?: {
                            end?: string;
                            local_date?: string;
                            local_end?: string;
                            local_start?: string;
                            location_id?: string | null;
                            start?: string;
                            type?: string;
                        }[];
                        photo_ref?: string | null;
                        qualifications?: {
                            degree?: string;
                            institution?: string | null;
                            year?: number | null;
                        }[];
                        rating?: {
                            average?: number | null;
                            count?: number;
                            raw_average?: number | null;
                            score?: number | null;
                        };
                        registration?: {
                            council?: string;
                            number?: string;
                        };
                        slot_minutes?: number;
                        specialties?: {
                            id?: string;
                            name?: string;
                        }[];
                        time_zone?: string;
                        verified: boolean;
                        /** Format: date-time */
                        verified_at?: string | null;
                    };
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors__id__slots: {
        parameters: {
            query?: {
                /** @description First local date (YYYY-MM-DD, the doctor's time zone; default today) */
                from?: string;
                /** @description Last local date, inclusive (default from + 6 days; at most 31 days in all) */
                to?: string;
                /** @description video or clinic (default both) */
                type?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            end: string;
                            /** Format: date */
                            local_date: string;
                            local_end: string;
                            local_start: string;
                            location_id: string | null;
                            /** Format: date-time */
                            start: string;
                            /** @enum {string} */
                            type: "video" | "clinic";
                        }[];
                        time_zone: string;
                    };
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bio?: string | null;
                        conditions?: string[];
                        consultation_types?: {
                            clinic?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                            video?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                        };
                        experience_years?: number | null;
                        follow_up_days?: number;
                        /** @enum {string|null} */
                        gender?: "female" | "male" | "other" | "undisclosed" | null;
                        languages?: string[];
                        locations?: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            };
                            id?: string;
                            lat?: number;
                            lng?: number;
                            name?: string;
                        }[];
                        name: string;
                        photo_ref?: string | null;
                        qualifications?: {
                            degree?: string;
                            institution?: string | null;
                            year?: number | null;
                        }[];
                        rating?: {
                            average?: number | null;
                            count?: number;
                            raw_average?: number | null;
                            score?: number | null;
                        };
                        registration?: {
                            council?: string;
                            number?: string;
                        } | null;
                        rejection_reason?: string | null;
                        slot_minutes?: number;
                        specialties?: string[];
                        /** @enum {string} */
                        status: "draft" | "pending" | "verified" | "rejected";
                        /** Format: date-time */
                        submitted_at?: string | null;
                        time_zone?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                        user_id: string;
                        /** Format: date-time */
                        verified_at?: string | null;
                        version: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations_doctors_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bio?: string | null;
                    conditions?: string[];
                    consultation_types?: {
                        clinic?: {
                            fee: {
                                amount: number;
                                currency: string;
                            };
                        };
                        video?: {
                            fee: {
                                amount: number;
                                currency: string;
                            };
                        };
                    };
                    experience_years?: number;
                    follow_up_days?: number;
                    /** @enum {string} */
                    gender?: "female" | "male" | "other" | "undisclosed";
                    languages?: string[];
                    locations?: {
                        address: {
                            city: string;
                            country: string;
                            line1: string;
                            line2?: string;
                            postal_code?: string;
                            region?: string;
                        };
                        /** @description an existing location's id; leave out for a new one */
                        id?: string;
                        lat: number;
                        lng: number;
                        name: string;
                    }[];
                    photo_ref?: string | null;
                    qualifications?: {
                        degree: string;
                        institution?: string;
                        year?: number;
                    }[];
                    registration?: {
                        council: string;
                        number: string;
                    };
                    /** @enum {integer} */
                    slot_minutes?: 10 | 15 | 20 | 30 | 45 | 60;
                    specialties?: string[];
                    /** @description IANA time zone */
                    time_zone?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bio?: string | null;
                        conditions?: string[];
                        consultation_types?: {
                            clinic?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                            video?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                        };
                        experience_years?: number | null;
                        follow_up_days?: number;
                        /** @enum {string|null} */
                        gender?: "female" | "male" | "other" | "undisclosed" | null;
                        languages?: string[];
                        locations?: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            };
                            id?: string;
                            lat?: number;
                            lng?: number;
                            name?: string;
                        }[];
                        name: string;
                        photo_ref?: string | null;
                        qualifications?: {
                            degree?: string;
                            institution?: string | null;
                            year?: number | null;
                        }[];
                        rating?: {
                            average?: number | null;
                            count?: number;
                            raw_average?: number | null;
                            score?: number | null;
                        };
                        registration?: {
                            council?: string;
                            number?: string;
                        } | null;
                        rejection_reason?: string | null;
                        slot_minutes?: number;
                        specialties?: string[];
                        /** @enum {string} */
                        status: "draft" | "pending" | "verified" | "rejected";
                        /** Format: date-time */
                        submitted_at?: string | null;
                        time_zone?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                        user_id: string;
                        /** Format: date-time */
                        verified_at?: string | null;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors_me_exceptions: {
        parameters: {
            query?: {
                /** @description First local date YYYY-MM-DD (default today) */
                from?: string;
                /** @description Last local date YYYY-MM-DD, inclusive (default from + 90 days; at most 366 days) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date */
                            date: string;
                            end: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "leave" | "extra";
                            location_id: string | null;
                            note: string;
                            start: string | null;
                            /** @enum {string|null} */
                            type: "video" | "clinic" | null;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations_doctors_me_exceptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: date */
                    date: string;
                    end?: string | null;
                    /** @enum {string} */
                    kind: "leave" | "extra";
                    /** @description required for clinic */
                    location_id?: string | null;
                    note?: string | null;
                    /** @description HH:MM; with end: only that part of the day (leave) / required (extra) */
                    start?: string | null;
                    /**
                     * @description required for extra
                     * @enum {string|null}
                     */
                    type?: "video" | "clinic" | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        end: string | null;
                        id: string;
                        /** @enum {string} */
                        kind: "leave" | "extra";
                        location_id: string | null;
                        note: string;
                        start: string | null;
                        /** @enum {string|null} */
                        type: "video" | "clinic" | null;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_consultations_doctors_me_exceptions__exception_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                exception_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_doctors_me_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        slot_minutes: 10 | 15 | 20 | 30 | 45 | 60;
                        /** @description IANA zone */
                        time_zone: string;
                        version: number;
                        weekly: {
                            /** @description local wall-clock time after start (24:00 allowed) */
                            end: string;
                            location_id?: string | null;
                            /** @description local wall-clock time */
                            start: string;
                            /** @enum {string} */
                            type: "video" | "clinic";
                            /** @description ISO weekday, 1 = Monday */
                            weekday: number;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_consultations_doctors_me_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {integer} */
                    slot_minutes?: 10 | 15 | 20 | 30 | 45 | 60;
                    /** @description IANA zone */
                    time_zone?: string;
                    version?: number;
                    weekly: {
                        /** @description local wall-clock time after start (24:00 allowed) */
                        end: string;
                        location_id?: string | null;
                        /** @description local wall-clock time */
                        start: string;
                        /** @enum {string} */
                        type: "video" | "clinic";
                        /** @description ISO weekday, 1 = Monday */
                        weekday: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {integer} */
                        slot_minutes: 10 | 15 | 20 | 30 | 45 | 60;
                        /** @description IANA zone */
                        time_zone: string;
                        version: number;
                        weekly: {
                            /** @description local wall-clock time after start (24:00 allowed) */
                            end: string;
                            location_id?: string | null;
                            /** @description local wall-clock time */
                            start: string;
                            /** @enum {string} */
                            type: "video" | "clinic";
                            /** @description ISO weekday, 1 = Monday */
                            weekday: number;
                        }[];
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_consultations_doctors_me_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bio?: string | null;
                        conditions?: string[];
                        consultation_types?: {
                            clinic?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                            video?: {
                                fee?: {
                                    amount?: number;
                                    currency?: string;
                                };
                            };
                        };
                        experience_years?: number | null;
                        follow_up_days?: number;
                        /** @enum {string|null} */
                        gender?: "female" | "male" | "other" | "undisclosed" | null;
                        languages?: string[];
                        locations?: {
                            address?: {
                                city?: string;
                                country?: string;
                                line1?: string;
                                line2?: string | null;
                                postal_code?: string | null;
                                region?: string | null;
                            };
                            id?: string;
                            lat?: number;
                            lng?: number;
                            name?: string;
                        }[];
                        name: string;
                        photo_ref?: string | null;
                        qualifications?: {
                            degree?: string;
                            institution?: string | null;
                            year?: number | null;
                        }[];
                        rating?: {
                            average?: number | null;
                            count?: number;
                            raw_average?: number | null;
                            score?: number | null;
                        };
                        registration?: {
                            council?: string;
                            number?: string;
                        } | null;
                        rejection_reason?: string | null;
                        slot_minutes?: number;
                        specialties?: string[];
                        /** @enum {string} */
                        status: "draft" | "pending" | "verified" | "rejected";
                        /** Format: date-time */
                        submitted_at?: string | null;
                        time_zone?: string | null;
                        /** Format: date-time */
                        updated_at?: string;
                        user_id: string;
                        /** Format: date-time */
                        verified_at?: string | null;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `doctor.practice` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_consultations_specialties: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            aliases: string[];
                            id: string;
                            name: string;
                        }[];
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_meta: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        database?: string;
                        demo?: boolean;
                        version?: string;
                    };
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_openapi_json: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_prescriptions: {
        parameters: {
            query?: {
                /** @description 1-20, default 5 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            booking_id: string;
                            doctor: {
                                id?: string;
                                name?: string;
                            };
                            id: string;
                            /** Format: date-time */
                            issued_at: string;
                            patient: {
                                id?: string;
                                name?: string;
                            };
                            url?: string;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `prescriptions.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_prescriptions__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        advice: string | null;
                        booking_id: string;
                        doctor: {
                            id?: string;
                            name?: string;
                            registration?: {
                                council?: string;
                                number?: string;
                            };
                        };
                        follow_up: string | null;
                        id: string;
                        /** Format: date-time */
                        issued_at: string;
                        items: {
                            dose: string;
                            duration: string;
                            form?: string | null;
                            frequency: string;
                            instructions?: string | null;
                            medicine: string;
                            route?: string | null;
                            strength?: string | null;
                        }[];
                        patient: {
                            id?: string;
                            name?: string;
                        };
                        pdf_url: string;
                        signature?: {
                            alg?: string;
                            kid?: string;
                        };
                        /** @description Only in the issuing response (the code is stored only as a hash); the PDF's QR code carries it. */
                        verify_url: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `prescriptions.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_prescriptions__id__pdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `prescriptions.read` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_prescriptions__id__verify: {
        parameters: {
            query?: {
                /** @description The verification code printed in the prescription's QR code */
                code?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        doctor?: {
                            name?: string;
                            registration?: {
                                council?: string;
                                number?: string;
                            };
                        };
                        /** Format: date-time */
                        issued_at?: string;
                        prescription_id?: string;
                        valid: boolean;
                    };
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address?: {
                            city?: string | null;
                            country?: string | null;
                            lat?: number | null;
                            line1?: string | null;
                            line2?: string | null;
                            lng?: number | null;
                            postal_code?: string | null;
                            region?: string | null;
                        } | null;
                        blood_group?: string | null;
                        /** Format: date */
                        date_of_birth?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        height_cm?: number | null;
                        id: string;
                        is_dependent: boolean;
                        name: string;
                        pending_email?: string | null;
                        pending_phone?: string | null;
                        phone?: string | null;
                        phone_verified?: boolean;
                        photo_ref?: string | null;
                        preferred_language?: string | null;
                        role: string;
                        /** @enum {string|null} */
                        sex?: "female" | "male" | "intersex" | "unknown" | null;
                        /** Format: date-time */
                        updated_at?: string;
                        version: number;
                        weight_kg?: number | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_users__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    address?: {
                        city?: string | null;
                        country?: string | null;
                        lat?: number | null;
                        line1?: string | null;
                        line2?: string | null;
                        lng?: number | null;
                        postal_code?: string | null;
                        region?: string | null;
                    } | null;
                    /** @enum {string|null} */
                    blood_group?: "A+" | "A-" | "B+" | "B-" | "AB+" | "AB-" | "O+" | "O-" | null;
                    /** Format: date */
                    date_of_birth?: string | null;
                    /** Format: email */
                    email?: string;
                    height_cm?: number | null;
                    name?: string;
                    /** @description +E.164 */
                    phone?: string;
                    photo_ref?: string | null;
                    preferred_language?: string | null;
                    /** @enum {string|null} */
                    sex?: "female" | "male" | "intersex" | "unknown" | null;
                    weight_kg?: number | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address?: {
                            city?: string | null;
                            country?: string | null;
                            lat?: number | null;
                            line1?: string | null;
                            line2?: string | null;
                            lng?: number | null;
                            postal_code?: string | null;
                            region?: string | null;
                        } | null;
                        blood_group?: string | null;
                        /** Format: date */
                        date_of_birth?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        height_cm?: number | null;
                        id: string;
                        is_dependent: boolean;
                        name: string;
                        pending_email?: string | null;
                        pending_phone?: string | null;
                        phone?: string | null;
                        phone_verified?: boolean;
                        photo_ref?: string | null;
                        preferred_language?: string | null;
                        role: string;
                        /** @enum {string|null} */
                        sex?: "female" | "male" | "intersex" | "unknown" | null;
                        /** Format: date-time */
                        updated_at?: string;
                        version: number;
                        weight_kg?: number | null;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_users__id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    confirm: "DELETE";
                    /** @description true: also erase the dependents you are the only guardian of (they would otherwise be left with nobody to manage them) */
                    erase_dependents?: boolean;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the accounts erased: yours and the dependents erased with it */
                        erased: {
                            /** @description the account it is about, when not the erased account itself */
                            person?: {
                                id?: string;
                                name?: string;
                            };
                            what: string;
                            why: string;
                        }[];
                        /** @description what had to be kept, and why; dependents who stay with their other guardian */
                        kept: {
                            /** @description the account it is about, when not the erased account itself */
                            person?: {
                                id?: string;
                                name?: string;
                            };
                            what: string;
                            why: string;
                        }[];
                        /** @enum {string} */
                        status: "erased";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__access_log: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description Number of items, 1 to 100 (default 50) */
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @enum {string} */
                            action?: "read" | "write";
                            actor?: {
                                id?: string;
                                name?: string;
                                role?: string;
                            };
                            /** Format: date-time */
                            at?: string;
                            basis?: string;
                            /** @enum {string} */
                            outcome?: "success" | "denied";
                            reason?: string;
                            request_id?: string;
                            what?: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__consents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current: {
                            data_sharing_providers?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                            marketing?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                            research?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                        };
                        history: {
                            /** Format: date-time */
                            at?: string;
                            granted?: boolean;
                            /** @enum {string} */
                            purpose?: "data_sharing_providers" | "marketing" | "research";
                            request_id?: string;
                            text_version?: string;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_users__id__consents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    granted: boolean;
                    /** @enum {string} */
                    purpose: "data_sharing_providers" | "marketing" | "research";
                    /** @description version of the consent text shown, e.g. 2026-01 */
                    text_version: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        current: {
                            data_sharing_providers?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                            marketing?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                            research?: {
                                /** Format: date-time */
                                at?: string;
                                granted?: boolean;
                                text_version?: string;
                            } | null;
                        };
                        history: {
                            /** Format: date-time */
                            at?: string;
                            granted?: boolean;
                            /** @enum {string} */
                            purpose?: "data_sharing_providers" | "marketing" | "research";
                            request_id?: string;
                            text_version?: string;
                        }[];
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__contact_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    channel: "email" | "phone";
                    code: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        address?: {
                            city?: string | null;
                            country?: string | null;
                            lat?: number | null;
                            line1?: string | null;
                            line2?: string | null;
                            lng?: number | null;
                            postal_code?: string | null;
                            region?: string | null;
                        } | null;
                        blood_group?: string | null;
                        /** Format: date */
                        date_of_birth?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        height_cm?: number | null;
                        id: string;
                        is_dependent: boolean;
                        name: string;
                        pending_email?: string | null;
                        pending_phone?: string | null;
                        phone?: string | null;
                        phone_verified?: boolean;
                        photo_ref?: string | null;
                        preferred_language?: string | null;
                        role: string;
                        /** @enum {string|null} */
                        sex?: "female" | "male" | "intersex" | "unknown" | null;
                        /** Format: date-time */
                        updated_at?: string;
                        version: number;
                        weight_kg?: number | null;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__emergency_contacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            email?: string | null;
                            id: string;
                            name: string;
                            notes?: string;
                            phone: string;
                            priority: number;
                            relationship?: string | null;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__emergency_contacts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string | null;
                    name: string;
                    notes?: string | null;
                    /** @description +E.164 */
                    phone: string;
                    /** @default 1 */
                    priority?: number;
                    relationship?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email?: string | null;
                        id: string;
                        name: string;
                        notes?: string;
                        phone: string;
                        priority: number;
                        relationship?: string | null;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_users__id__emergency_contacts__contact_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email?: string | null;
                    name?: string;
                    notes?: string | null;
                    /** @description +E.164 */
                    phone?: string;
                    /** @default 1 */
                    priority?: number;
                    relationship?: string | null;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email?: string | null;
                        id: string;
                        name: string;
                        notes?: string;
                        phone: string;
                        priority: number;
                        relationship?: string | null;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_users__id__emergency_contacts__contact_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__export: {
        parameters: {
            query?: {
                /** @description json (default) or pdf */
                format?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_log: Record<string, never>[];
                        account: Record<string, never>;
                        consents: Record<string, never>;
                        /** @description the consultations module's part: what the person entered or received in their consultations */
                        consultations: {
                            /** @description with the reason given when booking */
                            bookings?: Record<string, never>[];
                            /** @description messages they wrote or received */
                            chat?: Record<string, never>[];
                            /** @description the plan of each consultation's notes (what the patient is given) */
                            notes?: Record<string, never>[];
                            /** @description a doctor's own practice profile */
                            practice?: Record<string, never> | null;
                            prescriptions?: Record<string, never>[];
                            ratings?: Record<string, never>[];
                        };
                        emergency_contacts: Record<string, never>[];
                        /** Format: date-time */
                        exported_at: string;
                        family: Record<string, never>[];
                        medical_history: Record<string, never>[];
                        profile: Record<string, never>;
                        /** @description sessions (times, IP address, browser) and linked social sign-ins */
                        sign_in: {
                            sessions?: Record<string, never>[];
                            social_identities?: Record<string, never>[];
                        };
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__family_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** Format: date-time */
                            created_at: string;
                            /** @enum {string} */
                            direction: "outgoing" | "incoming";
                            /** @enum {string} */
                            kind: "dependent" | "linked";
                            link_id: string;
                            member: {
                                id?: string;
                                name?: string;
                            };
                            /** @enum {string} */
                            relationship: "child" | "parent" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
                            /** @enum {string} */
                            status: "active" | "pending" | "declined";
                        }[];
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__family_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date
                     * @description dependent only
                     */
                    date_of_birth?: string;
                    /**
                     * Format: email
                     * @description linked only: email or phone
                     */
                    email?: string;
                    /** @enum {string} */
                    kind: "dependent" | "linked";
                    /** @description dependent only (required) */
                    name?: string;
                    /** @description linked only: +E.164 */
                    phone?: string;
                    /** @enum {string} */
                    relationship: "child" | "parent" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
                    /**
                     * @description dependent only
                     * @enum {string}
                     */
                    sex?: "female" | "male" | "intersex" | "unknown";
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": ({
                        address?: {
                            city?: string | null;
                            country?: string | null;
                            lat?: number | null;
                            line1?: string | null;
                            line2?: string | null;
                            lng?: number | null;
                            postal_code?: string | null;
                            region?: string | null;
                        } | null;
                        blood_group?: string | null;
                        /** Format: date */
                        date_of_birth?: string | null;
                        email?: string | null;
                        email_verified?: boolean;
                        height_cm?: number | null;
                        id: string;
                        is_dependent: boolean;
                        name: string;
                        pending_email?: string | null;
                        pending_phone?: string | null;
                        phone?: string | null;
                        phone_verified?: boolean;
                        photo_ref?: string | null;
                        preferred_language?: string | null;
                        role: string;
                        /** @enum {string|null} */
                        sex?: "female" | "male" | "intersex" | "unknown" | null;
                        /** Format: date-time */
                        updated_at?: string;
                        version: number;
                        weight_kg?: number | null;
                    } & {
                        /** Format: date-time */
                        created_at: string;
                        /** @enum {string} */
                        direction: "outgoing" | "incoming";
                        /** @enum {string} */
                        kind: "dependent" | "linked";
                        link_id: string;
                        member: {
                            id?: string;
                            name?: string;
                        };
                        /** @enum {string} */
                        relationship: "child" | "parent" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
                        /** @enum {string} */
                        status: "active" | "pending" | "declined";
                    }) | {
                        /** @enum {string} */
                        status?: "pending";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_users__id__family_members__link_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                link_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__family_members__link_id__accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                link_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string;
                        /** @enum {string} */
                        direction: "outgoing" | "incoming";
                        /** @enum {string} */
                        kind: "dependent" | "linked";
                        link_id: string;
                        member: {
                            id?: string;
                            name?: string;
                        };
                        /** @enum {string} */
                        relationship: "child" | "parent" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
                        /** @enum {string} */
                        status: "active" | "pending" | "declined";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__family_members__link_id__decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                link_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        created_at: string;
                        /** @enum {string} */
                        direction: "outgoing" | "incoming";
                        /** @enum {string} */
                        kind: "dependent" | "linked";
                        link_id: string;
                        member: {
                            id?: string;
                            name?: string;
                        };
                        /** @enum {string} */
                        relationship: "child" | "parent" | "spouse" | "sibling" | "grandparent" | "grandchild" | "other";
                        /** @enum {string} */
                        status: "active" | "pending" | "declined";
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__medical_history: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                /** @description condition|allergy|medication|surgery|immunization|family_history|lifestyle */
                kind?: string;
                /** @description Number of items, 1 to 100 (default 50) */
                limit?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code?: {
                                /** @enum {string} */
                                system?: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                                value?: string;
                            } | null;
                            /** Format: date-time */
                            created_at: string;
                            details?: Record<string, never>;
                            /** Format: date */
                            end_date?: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                            notes?: string;
                            /** Format: date */
                            onset_date?: string | null;
                            recorded_by: {
                                id?: string;
                                role?: string;
                            };
                            /** @enum {string} */
                            status: "active" | "resolved" | "inactive";
                            title: string;
                            /** Format: date-time */
                            updated_at: string;
                            version: number;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    POST_v1_users__id__medical_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code?: {
                        /** @enum {string} */
                        system: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                        value: string;
                    } | null;
                    /** @description allergy {reaction, severity: mild|moderate|severe}; medication {dose, frequency, route}; immunization {dose_number, lot}; family_history {relative}; lifestyle {habit, frequency}; at most 4 KB */
                    details?: Record<string, never> | null;
                    /** Format: date */
                    end_date?: string | null;
                    /** @enum {string} */
                    kind: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                    notes?: string | null;
                    /** Format: date */
                    onset_date?: string | null;
                    /** @enum {string|null} */
                    status?: "active" | "resolved" | "inactive" | null;
                    title: string;
                };
            };
        };
        responses: {
            /** @description Success */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code?: {
                            /** @enum {string} */
                            system?: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                            value?: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        details?: Record<string, never>;
                        /** Format: date */
                        end_date?: string | null;
                        id: string;
                        /** @enum {string} */
                        kind: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                        notes?: string;
                        /** Format: date */
                        onset_date?: string | null;
                        recorded_by: {
                            id?: string;
                            role?: string;
                        };
                        /** @enum {string} */
                        status: "active" | "resolved" | "inactive";
                        title: string;
                        /** Format: date-time */
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GET_v1_users__id__medical_history__entry_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code?: {
                            /** @enum {string} */
                            system?: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                            value?: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        details?: Record<string, never>;
                        /** Format: date */
                        end_date?: string | null;
                        id: string;
                        /** @enum {string} */
                        kind: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                        notes?: string;
                        /** Format: date */
                        onset_date?: string | null;
                        recorded_by: {
                            id?: string;
                            role?: string;
                        };
                        /** @enum {string} */
                        status: "active" | "resolved" | "inactive";
                        title: string;
                        /** Format: date-time */
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    PUT_v1_users__id__medical_history__entry_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code?: {
                        /** @enum {string} */
                        system: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                        value: string;
                    } | null;
                    /** @description allergy {reaction, severity: mild|moderate|severe}; medication {dose, frequency, route}; immunization {dose_number, lot}; family_history {relative}; lifestyle {habit, frequency}; at most 4 KB */
                    details?: Record<string, never> | null;
                    /** Format: date */
                    end_date?: string | null;
                    /** @enum {string} */
                    kind?: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                    notes?: string | null;
                    /** Format: date */
                    onset_date?: string | null;
                    /** @enum {string|null} */
                    status?: "active" | "resolved" | "inactive" | null;
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code?: {
                            /** @enum {string} */
                            system?: "ICD-10" | "SNOMED-CT" | "RxNorm" | "other";
                            value?: string;
                        } | null;
                        /** Format: date-time */
                        created_at: string;
                        details?: Record<string, never>;
                        /** Format: date */
                        end_date?: string | null;
                        id: string;
                        /** @enum {string} */
                        kind: "condition" | "allergy" | "medication" | "surgery" | "immunization" | "family_history" | "lifestyle";
                        notes?: string;
                        /** Format: date */
                        onset_date?: string | null;
                        recorded_by: {
                            id?: string;
                            role?: string;
                        };
                        /** @enum {string} */
                        status: "active" | "resolved" | "inactive";
                        title: string;
                        /** Format: date-time */
                        updated_at: string;
                        version: number;
                    };
                };
            };
            /** @description Malformed request body */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Validation failed; `errors` lists each field */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DELETE_v1_users__id__medical_history__entry_id_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid or expired access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks permission `account.self` */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not yours) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
