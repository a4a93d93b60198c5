package dance.normal.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dance.normal.protocol.auth.DeviceChallengeRequest;
import dance.normal.protocol.auth.DeviceRequest;
import dance.normal.server.http.Access;
import dance.normal.server.http.AccessGate;
import dance.normal.server.http.Http;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** An account's devices: the key-possession challenge, registering a device's key, listing and removing devices. */
public final class DeviceRoutes {

    private final DeviceService devices;
    private final ObjectMapper json;

    public DeviceRoutes(DeviceService devices, ObjectMapper json) {
        this.devices = devices;
        this.json = json;
    }

    public void routes(RoutesConfig r) {
        r.post("/api/v1/me/devices/challenge", this::challenge, Access.SIGNED_IN);
        r.post("/api/v1/me/devices", this::register, Access.SIGNED_IN);
        r.get("/api/v1/me/devices", this::list, Access.SIGNED_IN);
        r.delete("/api/v1/me/devices/{id}", this::remove, Access.SIGNED_IN);
    }

    private void challenge(Context ctx) {
        Principal principal = principal(ctx);
        DeviceChallengeRequest request = ctx.contentLength() > 0
                ? Http.body(ctx, json, DeviceChallengeRequest.class) : new DeviceChallengeRequest(null);
        ctx.status(201).header("Cache-Control", "no-store").json(devices.challenge(principal, request));
    }

    private void register(Context ctx) {
        ctx.status(201).json(devices.register(principal(ctx), Http.body(ctx, json, DeviceRequest.class)));
    }

    private void list(Context ctx) {
        ctx.json(devices.devices(principal(ctx)));
    }

    private void remove(Context ctx) {
        devices.remove(principal(ctx), Http.uuidPath(ctx, "id", "device"));
        ctx.status(204);
    }

    private static Principal principal(Context ctx) {
        return AccessGate.caller(ctx, Principal.class);
    }
}
