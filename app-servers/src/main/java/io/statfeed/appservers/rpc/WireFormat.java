package io.statfeed.appservers.rpc;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

/**
 * The JSON of the RPC: the contract records as Jackson writes them (field names as in the
 * records, enums by name, an empty OptionalDouble as null). Both ends use this one mapper.
 */
public final class WireFormat {
    public static final String JSON = "application/json";
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // A newer client may send a field an older server does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // NaN travels as "NaN" and reaches the request check, whose message names the value.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private WireFormat() {
    }

    /** The answer body of a failure, the same shape as the api-server's. */
    public static String error(int status, String message) {
        return MAPPER.createObjectNode().put("status", status).put("msg", message).toString();
    }
}
