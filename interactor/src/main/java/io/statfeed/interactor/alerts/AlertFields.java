package io.statfeed.interactor.alerts;

import io.statfeed.core.model.InvalidInputException;
import io.statfeed.core.model.alerts.AlertKind;
import io.statfeed.core.model.alerts.AlertRule;
import io.statfeed.core.model.alerts.AlertWindow;
import io.statfeed.core.model.alerts.Comparison;
import io.statfeed.interactor.accounts.EmailAddresses;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's fields as StatHat's API and Statfeed's pages send them (form fields or JSON, all as
 * text): {@code kind}, {@code time_window}, {@code operator}, {@code threshold}, {@code percentage},
 * {@code time_delta}, and Statfeed's own {@code recovery_threshold}, {@code renotify} (e.g. 30m,
 * 2h, 1d), {@code email} and {@code webhook_url}. Each refusal names the field.
 */
public final class AlertFields {
    public static final int MAX_FIELD_LENGTH = 2_000;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})\\s*([mhdw])");
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final Map<String, String> fields;

    public AlertFields(Map<String, String> fields) {
        this.fields = fields;
    }

    public AlertRule rule(WebhookCheck webhooks) {
        AlertKind kind = AlertKind.fromApiName(required("kind")).orElseThrow(() ->
                new InvalidInputException("kind must be value, delta, data or anomaly, got " + shown("kind")));
        AlertWindow window = AlertWindow.fromApiName(required("time_window")).orElseThrow(() ->
                new InvalidInputException("time_window must be " + AlertWindow.choices() + ", got " + shown("time_window")));
        Comparison comparison = text("operator").map(op -> Comparison.fromApiName(op).orElseThrow(() ->
                        new InvalidInputException("operator must be 'greater than', 'less than' or 'different than', got "
                                + shown("operator"))))
                .orElseGet(() -> defaultComparison(kind));
        Duration delta = text("time_delta").map(d -> AlertWindow.fromApiName(d).map(w -> Duration.ofSeconds(w.seconds()))
                        .orElseThrow(() -> new InvalidInputException("time_delta must be " + AlertWindow.choices()
                                + ", got " + shown("time_delta"))))
                .orElse(Duration.ofSeconds(window.seconds()));
        Optional<String> webhook = text("webhook_url");
        webhook.ifPresent(webhooks::requireAllowed);
        return new AlertRule(kind, window, comparison, number("threshold"), number("recovery_threshold"),
                number("percentage"), delta, text("renotify").map(AlertFields::duration), email(), webhook);
    }

    /** Webhook addresses are checked by the channel that calls them (loopback, private and metadata refused). */
    public interface WebhookCheck {
        void requireAllowed(String url);
    }

    private static Comparison defaultComparison(AlertKind kind) {
        return switch (kind) {
            case VALUE -> throw new InvalidInputException("operator is required for a value alert: 'greater than' or 'less than'");
            case DELTA, ANOMALY -> Comparison.DIFFERENT;
            case DATA -> Comparison.LESS;
        };
    }

    private Optional<String> email() {
        return text("email").map(EmailAddresses::normalised);
    }

    private String required(String field) {
        return text(field).orElseThrow(() -> new InvalidInputException(field + " is required"));
    }

    private Optional<String> text(String field) {
        String value = fields.get(field);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new InvalidInputException(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        return Optional.of(value.strip());
    }

    private OptionalDouble number(String field) {
        Optional<String> text = text(field);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!NUMBER.matcher(text.get()).matches()) {
            throw new InvalidInputException(field + " must be a number, got " + shown(field));
        }
        return OptionalDouble.of(Double.parseDouble(text.get()));
    }

    private static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException("renotify must be a duration such as 30m, 2h or 1d, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    private String shown(String field) {
        String value = fields.getOrDefault(field, "");
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
