package dev.scaletest.simulator.api;

import java.util.List;
import java.util.Map;

/**
 * coderd's HTML error page for workspace apps and the web terminal ({@code site.RenderStaticErrorPage}
 * with {@code workspaceapps.WriteWorkspaceApp404}): the status and title in the page title and
 * heading, the description, coderd's warnings when it has any, and a link back to the dashboard.
 * The page is what browsers and clients see when the agent does not exist or the caller, signed
 * in, may not connect to it.
 */
final class AppErrorPage {
    static final String NOT_FOUND_TITLE = "Application Not Found";
    static final String NOT_FOUND_DESCRIPTION =
            "The application or workspace you are trying to access does not exist or you do not have permission to access it.";
    /**
     * The warning coderd adds to the page when its path-app rule refuses a site owner (a hint for
     * debugging, never shown to other callers).
     */
    static final String PATH_APP_SITE_OWNER_WARNING = "path-based apps with \"owner\" share level are only accessible by the"
            + " workspace owner (see --dangerous-allow-path-app-site-owner-access)";

    private AppErrorPage() {
    }

    static Reply notFound(String dashboardUrl) {
        return notFound(dashboardUrl, List.of());
    }

    static Reply notFound(String dashboardUrl, List<String> warnings) {
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
                %s    <a href="%s">Back to site</a>
                  </body>
                </html>
                """.formatted(heading, heading, NOT_FOUND_DESCRIPTION, warningList(warnings), escape(dashboardUrl));
        return new Reply.Text(404, "text/html; charset=utf-8", html, Map.of());
    }

    /** The page's "Warnings" block, one list item per warning; empty without warnings. */
    private static String warningList(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        StringBuilder block = new StringBuilder("    <div class=\"warning\">\n      <h3>Warnings</h3>\n      <ul>\n");
        for (String warning : warnings) {
            block.append("        <li>").append(escape(warning)).append("</li>\n");
        }
        return block.append("      </ul>\n    </div>\n").toString();
    }

    /** As Go's html/template escapes text and attribute values. */
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
