package io.statfeed.presenters.settings;

import java.util.List;

/** Copy-paste examples that send a first count, filled in with the visitor's ezkey and the api-server's address. */
public final class CodeExamples {
    /** One language's example. */
    public record Example(String id, String language, String code) {
    }

    private CodeExamples() {
    }

    /** The one-liner: what the stats list shows a newcomer. */
    public static String curl(String apiBase, String ezkey) {
        return "curl -d \"stat=signups&ezkey=" + ezkey + "&count=1\" " + apiBase + "/ez";
    }

    public static List<Example> forKeys(String apiBase, String ezkey) {
        String ez = apiBase + "/ez";
        return List.of(
                new Example("curl", "curl", curl(apiBase, ezkey)),
                new Example("python", "Python", """
                        import urllib.parse, urllib.request

                        data = urllib.parse.urlencode({"stat": "signups", "ezkey": "%s", "count": 1}).encode()
                        urllib.request.urlopen("%s", data)""".formatted(ezkey, ez)),
                new Example("javascript", "JavaScript", """
                        await fetch("%s", {
                          method: "POST",
                          body: new URLSearchParams({stat: "signups", ezkey: "%s", count: "1"}),
                        });""".formatted(ez, ezkey)),
                new Example("go", "Go", """
                        resp, err := http.PostForm("%s", url.Values{
                        	"stat": {"signups"}, "ezkey": {"%s"}, "count": {"1"},
                        })
                        if err == nil {
                        	resp.Body.Close()
                        }""".formatted(ez, ezkey)),
                new Example("ruby", "Ruby", """
                        require "net/http"

                        Net::HTTP.post_form(URI("%s"), "stat" => "signups", "ezkey" => "%s", "count" => 1)"""
                        .formatted(ez, ezkey)),
                new Example("java", "Java", """
                        var body = "stat=signups&ezkey=%s&count=1";
                        HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(URI.create("%s"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding());""".formatted(ezkey, ez)));
    }
}
