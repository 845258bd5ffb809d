package dev.techpulse.schemas;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A coder for Java records, built from the record's components in declaration order (each a
 * Beam coder: strings, boxed or primitive numbers and booleans, {@link Instant} at nanosecond
 * precision, {@link LocalDate}, enums by name, {@link WarehouseRow}s, nested records), decoded
 * through the canonical constructor. Beam's schema inference cannot hold {@code java.time}
 * values (see {@link WarehouseRow}); Java serialization is neither deterministic nor compact.
 * Adding a component to a record needs no change here.
 *
 * @param <T> the record type
 */
public final class RecordCoder<T extends Record> extends StructuredCoder<T> {
  private final Class<T> type;
  private final List<Coder<Object>> components;
  private transient Constructor<T> constructor;
  private transient Method[] accessors;

  private RecordCoder(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    this.type = type;
    List<Coder<Object>> coders = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      coders.add(componentCoder(type, c.getType()));
    }
    this.components = coders;
  }

  public static <T extends Record> RecordCoder<T> of(Class<T> type) {
    return new RecordCoder<>(type);
  }

  /** Lets {@code @DefaultCoder(RecordCoder.class)} build a coder per record type. */
  public static CoderProvider getCoderProvider() {
    return new CoderProvider() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      public <X> Coder<X> coderFor(TypeDescriptor<X> type, List<? extends Coder<?>> components)
          throws CannotProvideCoderException {
        Class<?> raw = type.getRawType();
        if (!raw.isRecord()) {
          throw new CannotProvideCoderException(raw + " is not a record");
        }
        return (Coder<X>) of((Class) raw);
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Coder<Object> componentCoder(Class<?> owner, Class<?> c) {
    Coder<?> coder;
    if (c == long.class) {
      return (Coder) VarLongCoder.of();
    } else if (c == int.class) {
      return (Coder) VarIntCoder.of();
    } else if (c == boolean.class) {
      return (Coder) BooleanCoder.of();
    } else if (c == double.class) {
      return (Coder) DoubleCoder.of();
    } else if (c == String.class) {
      coder = StringUtf8Coder.of();
    } else if (c == Long.class) {
      coder = VarLongCoder.of();
    } else if (c == Integer.class) {
      coder = VarIntCoder.of();
    } else if (c == Boolean.class) {
      coder = BooleanCoder.of();
    } else if (c == Double.class) {
      coder = DoubleCoder.of();
    } else if (c == Instant.class) {
      coder = InstantCoder.INSTANCE;
    } else if (c == LocalDate.class) {
      coder = LocalDateCoder.INSTANCE;
    } else if (c.isEnum()) {
      coder = new EnumCoder(c);
    } else if (WarehouseRow.class.isAssignableFrom(c)) {
      coder = WarehouseRowCoder.of((Class) c);
    } else if (c.isRecord()) {
      coder = of((Class) c);
    } else {
      throw new IllegalArgumentException(
          "no coder for component type " + c.getName() + " of " + owner.getName());
    }
    return (Coder) NullableCoder.of(coder);
  }

  private Constructor<T> constructor() {
    if (constructor == null) {
      Class<?>[] types =
          java.util.Arrays.stream(type.getRecordComponents())
              .map(RecordComponent::getType)
              .toArray(Class<?>[]::new);
      try {
        constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(type + " has no canonical constructor", e);
      }
    }
    return constructor;
  }

  /** Accessible even when the record is not public (a transform's private join value). */
  private Method[] accessors() {
    if (accessors == null) {
      RecordComponent[] rc = type.getRecordComponents();
      Method[] methods = new Method[rc.length];
      for (int i = 0; i < rc.length; i++) {
        methods[i] = rc[i].getAccessor();
        methods[i].setAccessible(true);
      }
      accessors = methods;
    }
    return accessors;
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    Method[] methods = accessors();
    for (int i = 0; i < methods.length; i++) {
      Object v;
      try {
        v = methods[i].invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new CoderException("reading " + methods[i].getName() + " of " + type.getName(), e);
      }
      components.get(i).encode(v, out);
    }
  }

  @Override
  public T decode(InputStream in) throws IOException {
    Object[] values = new Object[components.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = components.get(i).decode(in);
    }
    try {
      return constructor().newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new CoderException("decoding " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }

  @Override
  public List<? extends Coder<?>> getComponents() {
    return components;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(
        this, type.getSimpleName() + " must encode deterministically", (List) components);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordCoder<?> c && c.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "RecordCoder(" + type.getName() + ")";
  }

  /** Seconds and nanoseconds: microsecond timestamps survive exactly. */
  static final class InstantCoder extends org.apache.beam.sdk.coders.AtomicCoder<Instant> {
    static final InstantCoder INSTANCE = new InstantCoder();

    @Override
    public void encode(Instant value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeLong(value.getEpochSecond());
      data.writeInt(value.getNano());
      data.flush();
    }

    @Override
    public Instant decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      return Instant.ofEpochSecond(data.readLong(), data.readInt());
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** The epoch day. */
  static final class LocalDateCoder extends org.apache.beam.sdk.coders.AtomicCoder<LocalDate> {
    static final LocalDateCoder INSTANCE = new LocalDateCoder();

    @Override
    public void encode(LocalDate value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.toEpochDay(), out);
    }

    @Override
    public LocalDate decode(InputStream in) throws IOException {
      return LocalDate.ofEpochDay(VarLongCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** An enum constant by name, so reordering constants never changes what bytes mean. */
  static final class EnumCoder<E extends Enum<E>> extends org.apache.beam.sdk.coders.CustomCoder<E> {
    private final Class<E> type;

    EnumCoder(Class<E> type) {
      this.type = type;
    }

    @Override
    public void encode(E value, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(value.name(), out);
    }

    @Override
    public E decode(InputStream in) throws IOException {
      return Enum.valueOf(type, StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof EnumCoder<?> c && c.type.equals(type);
    }

    @Override
    public int hashCode() {
      return type.hashCode();
    }
  }
}
