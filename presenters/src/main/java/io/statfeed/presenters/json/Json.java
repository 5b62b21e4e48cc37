package io.statfeed.presenters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured writer the JSON presenters share; view models are records in declaration order. */
public final class Json {
    private static final double LARGEST_EXACT_WHOLE = 1e15;
    private static final ObjectMapper mapper = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object viewModel) {
        try {
            return mapper.writeValueAsString(viewModel);
        } catch (JsonProcessingException e) {
            // Only our own records are written; failing here is a programming error, not bad input.
            throw new IllegalStateException("cannot write " + viewModel.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A number as StatHat writes it: a whole value as {@code 3} rather than {@code 3.0}; null only
     * for infinity (stored sums that overflowed), for which JSON has no number.
     */
    static Number number(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        boolean whole = value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_WHOLE;
        return whole ? (Number) (long) value : (Number) value;
    }
}
