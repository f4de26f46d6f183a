package io.assetmanager.inventory;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** An inventory change that waited too long for another one: 409, the reason in the body, nothing written. */
@Provider
public class InventoryBusyMapper implements ExceptionMapper<InventoryBusyException> {

    @Override
    public Response toResponse(InventoryBusyException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", e.getMessage()).build().toString()).build();
    }
}
