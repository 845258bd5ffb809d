package dev.techpulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** A catalog entry as its name, its packages in order and its optional repository. */
public final class TechnologyCoder extends CustomCoder<Technology> {
  private static final TechnologyCoder INSTANCE = new TechnologyCoder();
  private static final Coder<String> NAME = StringUtf8Coder.of();
  private static final Coder<List<String>> PACKAGES = ListCoder.of(StringUtf8Coder.of());
  private static final Coder<String> GITHUB = NullableCoder.of(StringUtf8Coder.of());

  private TechnologyCoder() {}

  public static TechnologyCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder(TechnologyCoder.class)} find this coder. */
  public static CoderProvider getCoderProvider() {
    return new CoderProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <X> Coder<X> coderFor(TypeDescriptor<X> type, List<? extends Coder<?>> components)
          throws CannotProvideCoderException {
        if (!Technology.class.isAssignableFrom(type.getRawType())) {
          throw new CannotProvideCoderException(type + " is not a Technology");
        }
        return (Coder<X>) INSTANCE;
      }
    };
  }

  @Override
  public void encode(Technology t, OutputStream out) throws IOException {
    NAME.encode(t.getName(), out);
    PACKAGES.encode(t.getPackages(), out);
    GITHUB.encode(t.getGithub(), out);
  }

  @Override
  public Technology decode(InputStream in) throws IOException {
    return Technology.create(NAME.decode(in), PACKAGES.decode(in), GITHUB.decode(in));
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "a technology encodes its fields in order", NAME, PACKAGES, GITHUB);
  }
}
