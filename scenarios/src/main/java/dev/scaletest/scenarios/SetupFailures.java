package dev.scaletest.scenarios;

import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.CoderErrorDecoder;
import dev.scaletest.errors.ErrorClass;

/**
 * Turns a failure while preparing a run (owner check, template lookup, listing) into the one line a
 * user needs: what went wrong where, and what to do about it.
 */
public final class SetupFailures {
    private SetupFailures() {}

    public static ConfigException describe(CoderApiException e) {
        String url = e.url();
        ErrorClass errorClass = e.errorClass();
        if (errorClass == ErrorClass.AUTH && e.status() == 401) {
            return new ConfigException("the session token was refused by " + url
                    + " (401): pass a valid --token or CODER_SESSION_TOKEN, or log in again with 'coder login'");
        }
        if (errorClass == ErrorClass.CONNECT) {
            return new ConfigException("cannot reach Coder: " + e.firstLine() + "; check --url or CODER_URL");
        }
        if (errorClass == ErrorClass.TLS) {
            return new ConfigException(e.firstLine() + "; trust the deployment's CA with --tls-ca-file FILE or SSL_CERT_FILE=FILE,"
                    + " or skip the check with --insecure-skip-verify (test deployments only)");
        }
        if (CoderErrorDecoder.answeredNotJson(e)) {
            return new ConfigException(e.firstLine() + "; this is not Coder's API, which answers in JSON: check that --url or CODER_URL"
                    + " is the deployment's address and not a proxy or login page in front of it");
        }
        if (errorClass == ErrorClass.TIMEOUT) {
            return new ConfigException(e.firstLine() + "; Coder did not answer in time, check --url");
        }
        return new ConfigException(e.firstLine());
    }
}
