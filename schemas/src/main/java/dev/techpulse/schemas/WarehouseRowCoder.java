package dev.techpulse.schemas;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A compact binary coder for every {@link WarehouseRow}: the row's column values, each with a
 * one-byte type tag, decoded through the type's static {@code create} (whose parameters are the
 * columns in order). Java serialization of the same rows costs about ten times the CPU and
 * bytes, which on the DirectRunner (which encodes every element to check it) dominated runs.
 *
 * @param <T> the row type
 */
public final class WarehouseRowCoder<T extends WarehouseRow> extends CustomCoder<T> {
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte LONG = 2;
  private static final byte INT = 3;
  private static final byte BOOL = 4;
  private static final byte DOUBLE = 5;
  private static final byte DATE = 6;
  private static final byte INSTANT = 7;

  private final Class<T> type;
  private transient MethodHandle create;
  private transient int arity;

  private WarehouseRowCoder(Class<T> type) {
    this.type = type;
  }

  public static <T extends WarehouseRow> WarehouseRowCoder<T> of(Class<T> type) {
    WarehouseRowCoder<T> coder = new WarehouseRowCoder<>(type);
    coder.factory();
    return coder;
  }

  /** Lets {@code @DefaultCoder(WarehouseRowCoder.class)} build a coder per row type. */
  public static CoderProvider getCoderProvider() {
    return new CoderProvider() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      public <X> org.apache.beam.sdk.coders.Coder<X> coderFor(
          TypeDescriptor<X> type, List<? extends org.apache.beam.sdk.coders.Coder<?>> components)
          throws org.apache.beam.sdk.coders.CannotProvideCoderException {
        Class<?> raw = type.getRawType();
        if (!WarehouseRow.class.isAssignableFrom(raw)) {
          throw new org.apache.beam.sdk.coders.CannotProvideCoderException(
              raw + " is not a WarehouseRow");
        }
        return (org.apache.beam.sdk.coders.Coder<X>) of((Class) raw);
      }
    };
  }

  private MethodHandle factory() {
    if (create == null) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().equals("create")
            && Modifier.isStatic(m.getModifiers())
            && m.getReturnType().equals(type)) {
          try {
            create = MethodHandles.publicLookup().unreflect(m);
            arity = m.getParameterCount();
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(type + ".create is not public", e);
          }
        }
      }
      if (create == null) {
        throw new IllegalStateException(type + " has no static create(...) returning it");
      }
    }
    return create;
  }

  @Override
  public void encode(T value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    List<Object> values = value.columnValues();
    out.writeShort(values.size());
    for (Object v : values) {
      if (v == null) {
        out.writeByte(NULL);
      } else if (v instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(STRING);
        out.writeInt(bytes.length);
        out.write(bytes);
      } else if (v instanceof Long l) {
        out.writeByte(LONG);
        out.writeLong(l);
      } else if (v instanceof Integer i) {
        out.writeByte(INT);
        out.writeInt(i);
      } else if (v instanceof Boolean b) {
        out.writeByte(BOOL);
        out.writeBoolean(b);
      } else if (v instanceof Double d) {
        out.writeByte(DOUBLE);
        out.writeDouble(d);
      } else if (v instanceof LocalDate d) {
        out.writeByte(DATE);
        out.writeLong(d.toEpochDay());
      } else if (v instanceof Instant t) {
        out.writeByte(INSTANT);
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      } else {
        throw new CoderException("cannot encode " + v.getClass() + " of " + type);
      }
    }
    out.flush();
  }

  @Override
  public T decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    int n = in.readShort();
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      byte tag = in.readByte();
      values[i] =
          switch (tag) {
            case NULL -> null;
            case STRING -> {
              byte[] bytes = new byte[in.readInt()];
              in.readFully(bytes);
              yield new String(bytes, StandardCharsets.UTF_8);
            }
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case BOOL -> in.readBoolean();
            case DOUBLE -> in.readDouble();
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            default -> throw new CoderException("bad tag " + tag + " decoding " + type);
          };
    }
    MethodHandle factory = factory();
    if (n != arity) {
      throw new CoderException(type + " expects " + arity + " values, got " + n);
    }
    try {
      @SuppressWarnings("unchecked")
      T row = (T) factory.invokeWithArguments(values);
      return row;
    } catch (Throwable e) {
      throw new CoderException("decoding " + type + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    // Same values, same bytes: the encoding has no maps, no floats NaN-normalized needed.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarehouseRowCoder<?> c && c.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }
}
