package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineRedactionTest {
    @Test
    void masksSecretFlagValuesInBothForms() {
        assertEquals("scaletest --url https://c.example --token **** workspace-traffic --trace-honeycomb-api-key=****",
                CommandLineRedaction.redact(List.of("scaletest", "--url", "https://c.example", "--token", "abc123",
                        "workspace-traffic", "--trace-honeycomb-api-key=hc-secret")));
    }

    @Test
    void masksEnvironmentAssignmentsAndCredentialHeaders() {
        assertEquals("CODER_SESSION_TOKEN=**** scaletest --header Coder-Session-Token=**** --header X-Tenant=**** --password=****"
                        + " --header=X-Gateway=**** --header-command **** --header-command=****",
                CommandLineRedaction.redact(List.of("CODER_SESSION_TOKEN=s3cr3t", "scaletest", "--header",
                        "Coder-Session-Token=s3cr3t", "--header", "X-Tenant=acme-s3cr3t", "--password=hunter2",
                        "--header=X-Gateway=s3cr3t", "--header-command", "echo X-Auth=s3cr3t", "--header-command=vault read x")));
    }

    @Test
    void keepsOrdinaryFlagsAndQuotesSpaces() {
        assertEquals("scaletest --concurrency 10 --run-command 'echo hi'",
                CommandLineRedaction.redact(List.of("scaletest", "--concurrency", "10", "--run-command", "echo hi")));
    }
}
