package io.statfeed.presenters.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured writer the JSON presenters share; view models are records in declaration order. */
public final class Json {
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
}
