package io.statfeed.apiserver.ingest;

import io.statfeed.core.model.InvalidInputException;
import java.util.regex.Pattern;

/** Strict reading of the numbers clients send as text: decimal, optionally fractional or with an exponent. */
public final class Numbers {
    private static final int MAX_NUMBER_CHARS = 64;
    /** Compiled once: refusals quote what was sent, and a flood of bad numbers passes here each time. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Numbers() {
    }

    /** The number in {@code text}, or an {@link InvalidInputException} naming {@code field}. */
    public static double parse(String field, String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field + " is empty; send a number");
        }
        if (trimmed.length() > MAX_NUMBER_CHARS || !looksDecimal(trimmed)) {
            throw new InvalidInputException(field + " is not a number: '" + shorten(trimmed) + "'");
        }
        return Double.parseDouble(trimmed);
    }

    /** Plain decimal syntax only: no hex, no NaN or Infinity, no type suffixes Java would accept. */
    private static boolean looksDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    static String shorten(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return CONTROL.matcher(shown).replaceAll("?");
    }
}
