package dev.herald.core.identity;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the {@code changed_fields} of an {@code *Updated} payload from the {@code optional} fields
 * it sets, so the list can never disagree with the values.
 */
final class ChangedFields {

  private static final String CHANGED_FIELDS = "changed_fields";

  private ChangedFields() {}

  /**
   * Returns {@code update} with {@code changed_fields} listing its set optional fields in field
   * order, replacing what it held.
   *
   * @throws IllegalArgumentException when no optional field is set
   */
  @SuppressWarnings("unchecked") // toBuilder().build() returns the same message type
  static <T extends Message> T listed(T update) {
    Descriptor descriptor = update.getDescriptorForType();
    FieldDescriptor list = descriptor.findFieldByName(CHANGED_FIELDS);
    Message.Builder builder = update.toBuilder().clearField(list);
    List<String> optional = new ArrayList<>();
    for (FieldDescriptor field : descriptor.getFields()) {
      if (field.hasOptionalKeyword()) {
        optional.add(field.getName());
        if (update.hasField(field)) {
          builder.addRepeatedField(list, field.getName());
        }
      }
    }
    if (builder.getRepeatedFieldCount(list) == 0) {
      throw new IllegalArgumentException(
          descriptor.getName() + ": no field changed (expected: at least one of " + optional + ")");
    }
    return (T) builder.build();
  }
}
