package dev.scaletest.simulator.api;

import java.util.Map;

/**
 * coderd's HTML error page for workspace apps and the web terminal ({@code site.RenderStaticErrorPage}
 * with {@code workspaceapps.WriteWorkspaceApp404}): the status and title in the page title and
 * heading, the description, and a link back to the dashboard. The page is what browsers and clients
 * see when the agent does not exist or the caller, signed in, may not connect to it.
 */
final class AppErrorPage {
    static final String NOT_FOUND_TITLE = "Application Not Found";
    static final String NOT_FOUND_DESCRIPTION =
            "The application or workspace you are trying to access does not exist or you do not have permission to access it.";

    private AppErrorPage() {
    }

    static Reply notFound(String dashboardUrl) {
        String heading = "404 - " + NOT_FOUND_TITLE;
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                  <head>
                    <meta charset="UTF-8" />
                    <title>%s</title>
                  </head>
                  <body>
                    <h1>%s</h1>
                    <p>%s</p>
                    <a href="%s">Back to site</a>
                  </body>
                </html>
                """.formatted(heading, heading, NOT_FOUND_DESCRIPTION, escape(dashboardUrl));
        return new Reply.Text(404, "text/html; charset=utf-8", html, Map.of());
    }

    /** As Go's html/template escapes an attribute value. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
