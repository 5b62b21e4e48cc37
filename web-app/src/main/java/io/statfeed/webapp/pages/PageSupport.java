package io.statfeed.webapp.pages;

import io.javalin.http.Context;
import io.statfeed.interactor.session.SignedIn;
import io.statfeed.core.config.Settings;
import io.statfeed.presenters.Links;
import io.statfeed.presenters.html.Chrome;
import io.statfeed.webapp.session.SessionCookies;

import java.net.URI;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/** What every page route needs besides its use case: who is asking, the page frame, and absolute links. */
public final class PageSupport {
    /** A Host header is the client's word; only a plain host[:port] is echoed into links. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:]{2,45}](:[0-9]{1,5})?");

    private final SessionCookies cookies;
    private final Optional<URI> publicUrl;
    private final Optional<URI> publicApiUrl;
    private final int apiPort;
    private final ToIntFunction<io.statfeed.interactor.Visitor> unseen;

    /** @param unseen how many notification groups a person has not seen: the header's badge */
    public PageSupport(SessionCookies cookies, Settings settings, ToIntFunction<io.statfeed.interactor.Visitor> unseen) {
        this.cookies = cookies;
        this.publicUrl = settings.publicUrl();
        this.publicApiUrl = settings.publicApiUrl();
        this.apiPort = settings.apiPort();
        this.unseen = unseen;
    }

    public Optional<SignedIn> signedIn(Context ctx) {
        return cookies.current(ctx);
    }

    public Optional<io.statfeed.interactor.Visitor> visitor(Context ctx) {
        return signedIn(ctx).map(SignedIn::visitor);
    }

    /** The signed-in visitor, or a redirect to the login page (a 401 for JSON) that ends the request. */
    public SignedIn require(Context ctx) {
        return cookies.require(ctx);
    }

    public Chrome chrome(Context ctx, String section) {
        String notice = cookies.takeNotice(ctx).orElse(null);
        // Nothing counts notifications yet: the badge stays hidden until something does.
        return signedIn(ctx)
                .map(s -> new Chrome(s.email(), s.csrfToken(), section, notice, unseen.applyAsInt(s.visitor())))
                .orElseGet(() -> new Chrome(null, cookies.anonymousCsrf(ctx), section, notice, 0));
    }

    /** Absolute links: the configured public address, else what the request was sent to. */
    public Links links(Context ctx) {
        return new Links(publicUrl.map(URI::toString).orElseGet(() -> ctx.scheme() + "://" + host(ctx)));
    }

    /** Where code sends stats: the configured api address, else this host on the api-server's port. */
    public String apiBase(Context ctx) {
        return publicApiUrl.map(URI::toString).orElseGet(() -> {
            String host = host(ctx);
            String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
            return "http://" + name + ":" + apiPort;
        });
    }

    private static String host(Context ctx) {
        String host = ctx.header("Host");
        return host != null && PLAIN_HOST.matcher(host).matches() ? host : "localhost:" + ctx.port();
    }
}
