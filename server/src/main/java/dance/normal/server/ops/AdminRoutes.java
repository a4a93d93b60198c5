package dance.normal.server.ops;

import dance.normal.server.auth.KeyRing;
import dance.normal.server.http.Access;
import dance.normal.server.tokens.MoneyServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator's routes, all behind the admin token: key rotation, the ledger audit, the chain, settlement. */
public final class AdminRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    private final KeyRing accessKeys;
    private final KeyRing streamKeys;
    private final MoneyServices money;

    public AdminRoutes(KeyRing accessKeys, KeyRing streamKeys, MoneyServices money) {
        this.accessKeys = accessKeys;
        this.streamKeys = streamKeys;
        this.money = money;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/admin/keys/rotate", this::rotateKeys, Access.ADMIN);
        r.get("/api/v1/admin/ledger/verify", this::verifyLedger, Access.ADMIN);
        r.get("/api/v1/admin/chain", this::chain, Access.ADMIN);
        r.post("/api/v1/admin/settlements", this::settle, Access.ADMIN);
    }

    private void rotateKeys(Context ctx) {
        String access = accessKeys.rotate();
        String stream = streamKeys.rotate();
        LOG.info("Signing keys rotated by the admin: {}, {}", access, stream);
        ctx.header("Cache-Control", "no-store").json(Map.of("accessTokenKid", access, "streamUrlKid", stream));
    }

    private void verifyLedger(Context ctx) {
        ctx.json(money.audit().verify());
    }

    private void chain(Context ctx) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("mode", money.chain().name());
        info.put("treasury", money.chain().treasuryOwner().orElse(null));
        info.put("payoutMint", money.config().payoutMint().orElse(null));
        ctx.json(info);
    }

    private void settle(Context ctx) {
        ctx.status(201).json(money.settlements().settle());
    }
}
