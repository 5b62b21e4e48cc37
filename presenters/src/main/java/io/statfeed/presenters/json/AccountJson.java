package io.statfeed.presenters.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statfeed.interactor.accounts.SignUp.SignedUp;

/** Account answers; ids are JSON strings, as in the export API (63-bit ids exceed JavaScript's exact integers). */
public final class AccountJson {
    private record SignedUpView(@JsonProperty("account_id") String accountId, String email, String ezkey, String ukey,
                                @JsonProperty("access_token") String accessToken) {
    }

    private AccountJson() {
    }

    public static String signedUp(SignedUp signedUp) {
        return Json.write(new SignedUpView(Long.toString(signedUp.accountId()), signedUp.email(), signedUp.ezkey(),
                signedUp.ukey(), signedUp.accessToken()));
    }
}
