package io.assetmanager.platform;

import io.assetmanager.net.IpAddress;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an address as its 16-byte form, whose unsigned byte order both databases use (docs/DATA-MODEL.md). */
@Converter(autoApply = true)
public class IpAddressConverter implements AttributeConverter<IpAddress, byte[]> {

    @Override
    public byte[] convertToDatabaseColumn(IpAddress address) {
        return address == null ? null : address.toBytes();
    }

    @Override
    public IpAddress convertToEntityAttribute(byte[] bytes) {
        return bytes == null ? null : IpAddress.fromBytes(bytes);
    }
}
