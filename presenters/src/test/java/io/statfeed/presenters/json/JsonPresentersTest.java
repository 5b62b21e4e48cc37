package io.statfeed.presenters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.statfeed.interactor.accounts.SignUp.SignedUp;
import io.statfeed.interactor.export.DeleteStat.DeletedStat;
import io.statfeed.interactor.directory.ApiServersHonour;
import io.statfeed.interactor.export.ExportedStat;
import io.statfeed.interactor.export.ReadStatData.DataPoint;
import io.statfeed.interactor.export.ReadStatData.StatData;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPresentersTest {
    private static final ExportedStat SIGNUPS = new ExportedStat(123, "signups", false, true, "STATKEY");

    @Test
    void a_stat_list_is_an_array_of_stats_with_string_ids() {
        ExportedStat load = new ExportedStat(9_007_199_254_740_993L, "load \"avg\" ü", true, false, "K2");
        assertEquals("[{\"id\":\"123\",\"name\":\"signups\",\"public\":false,\"counter\":true,\"key\":\"STATKEY\"},"
                        + "{\"id\":\"9007199254740993\",\"name\":\"load \\\"avg\\\" ü\",\"public\":true,\"counter\":false,"
                        + "\"key\":\"K2\"}]",
                ExportJson.statList(List.of(SIGNUPS, load)));
    }

    @Test
    void an_empty_stat_list_is_an_empty_array() {
        assertEquals("[]", ExportJson.statList(List.of()));
    }

    @Test
    void a_stat_is_one_object_of_the_list_shape() {
        assertEquals("{\"id\":\"123\",\"name\":\"signups\",\"public\":false,\"counter\":true,\"key\":\"STATKEY\"}",
                ExportJson.stat(SIGNUPS));
    }

    @Test
    void data_lists_each_stat_with_its_timeframe_and_points_whole_values_written_as_whole_numbers() {
        List<StatData> data = List.of(
                new StatData(123, "signups", "1 week @ 3 hours", List.of(new DataPoint(1_700_000_000L, 3),
                        new DataPoint(1_700_010_800L, 0.25), new DataPoint(1_700_021_600L, -2))),
                new StatData(124, "empty", "1 week @ 3 hours", List.of()));
        assertEquals("[{\"name\":\"signups\",\"timeframe\":\"1 week @ 3 hours\",\"points\":[{\"time\":1700000000,"
                        + "\"value\":3},{\"time\":1700010800,\"value\":0.25},{\"time\":1700021600,\"value\":-2}]},"
                        + "{\"name\":\"empty\",\"timeframe\":\"1 week @ 3 hours\",\"points\":[]}]",
                ExportJson.data(data));
    }

    @Test
    void a_value_that_is_no_finite_number_is_written_as_null() {
        List<StatData> data = List.of(new StatData(1, "x", "1h1h",
                List.of(new DataPoint(60, Double.POSITIVE_INFINITY), new DataPoint(120, Double.NaN))));
        assertEquals("[{\"name\":\"x\",\"timeframe\":\"1h1h\",\"points\":[{\"time\":60,\"value\":null},"
                + "{\"time\":120,\"value\":null}]}]", ExportJson.data(data));
    }

    @Test
    void a_deleted_stat_answers_as_stathat_does_and_says_whether_every_api_server_refuses_it_now() {
        assertEquals("{\"msg\":\"stat deleted.\"}",
                ExportJson.deleted(new DeletedStat(123, new ApiServersHonour.Outcome(List.of(), 3))));
        assertEquals("{\"msg\":\"stat deleted.\",\"unconfirmed_api_servers\":[\"api-1\"]}",
                ExportJson.deleted(new DeletedStat(123, new ApiServersHonour.Outcome(List.of("api-1"), 2000))));
    }

    @Test
    void a_sign_up_shows_the_new_keys_with_a_string_account_id() {
        assertEquals("{\"account_id\":\"42\",\"email\":\"ada@example.com\",\"ezkey\":\"EZ\",\"ukey\":\"UK\","
                        + "\"access_token\":\"TOK\"}",
                AccountJson.signedUp(new SignedUp(42, "ada@example.com", "EZ", "UK", "TOK")));
    }

    @Test
    void a_status_message_escapes_what_it_quotes() {
        assertEquals("{\"status\":404,\"msg\":\"no stat named '<script>\\\"x\\\"</script>\\n'\"}",
                StatusJson.of(404, "no stat named '<script>\"x\"</script>\n'"));
    }
}
