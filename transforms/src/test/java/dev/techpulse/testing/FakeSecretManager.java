package dev.techpulse.testing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Secret Manager's gRPC service, in process: answers {@code AccessSecretVersion} the way the real
 * service does (payload with its CRC32C, NOT_FOUND for an unknown version, PERMISSION_DENIED for
 * a denied one), and records what each call carried.
 *
 * <p>The service is declared from the method's full name in Secret Manager's proto
 * ({@code google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion}) and the
 * library's own request and response messages: a client calling anything else gets UNIMPLEMENTED.
 */
public final class FakeSecretManager implements AutoCloseable {
  private final Map<String, byte[]> values = new ConcurrentHashMap<>();
  private final Map<String, Status> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> accesses = new ConcurrentHashMap<>();
  private final List<String> callHeaders = new CopyOnWriteArrayList<>();
  private final String serverName = InProcessServerBuilder.generateName();
  private final Server server;

  private FakeSecretManager() throws IOException {
    MethodDescriptor<AccessSecretVersionRequest, AccessSecretVersionResponse> access =
        MethodDescriptor.<AccessSecretVersionRequest, AccessSecretVersionResponse>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(
                    "google.cloud.secretmanager.v1.SecretManagerService", "AccessSecretVersion"))
            .setRequestMarshaller(
                ProtoUtils.marshaller(AccessSecretVersionRequest.getDefaultInstance()))
            .setResponseMarshaller(
                ProtoUtils.marshaller(AccessSecretVersionResponse.getDefaultInstance()))
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("google.cloud.secretmanager.v1.SecretManagerService")
            .addMethod(access, ServerCalls.asyncUnaryCall(this::accessSecretVersion))
            .build();
    ServerInterceptor recordHeaders =
        new ServerInterceptor() {
          @Override
          public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
              ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
            callHeaders.add(headers.toString());
            return next.startCall(call, headers);
          }
        };
    server =
        InProcessServerBuilder.forName(serverName)
            .directExecutor()
            .addService(ServerInterceptors.intercept(service, recordHeaders))
            .build()
            .start();
  }

  private void accessSecretVersion(
      AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
    String name = request.getName();
    accesses.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
    Status failure = failures.get(name);
    if (failure != null) {
      response.onError(failure.asRuntimeException());
      return;
    }
    byte[] value = values.get(name);
    if (value == null) {
      response.onError(
          Status.NOT_FOUND
              .withDescription("Secret Version [" + name + "] not found.")
              .asRuntimeException());
      return;
    }
    CRC32C crc = new CRC32C();
    crc.update(value);
    response.onNext(
        AccessSecretVersionResponse.newBuilder()
            .setName(name)
            .setPayload(
                SecretPayload.newBuilder()
                    .setData(ByteString.copyFrom(value))
                    .setDataCrc32C(crc.getValue()))
            .build());
    response.onCompleted();
  }

  public static FakeSecretManager start() {
    try {
      return new FakeSecretManager();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stores a secret version's value. */
  public FakeSecretManager put(String versionName, String value) {
    values.put(versionName, value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Makes every access to a version fail with the status Secret Manager would send. */
  public FakeSecretManager deny(String versionName) {
    failures.put(
        versionName,
        Status.PERMISSION_DENIED.withDescription(
            "Permission 'secretmanager.versions.access' denied for resource '" + versionName
                + "' (or it may not exist)."));
    return this;
  }

  /** How many times a version was accessed. */
  public int accesses(String versionName) {
    AtomicInteger n = accesses.get(versionName);
    return n == null ? 0 : n.get();
  }

  /** The gRPC headers of every call, in order. */
  public List<String> callHeaders() {
    return callHeaders;
  }

  /**
   * Client settings that reach this fake: a fresh in-process channel for every client (a client
   * shuts its channel down when closed) and no credentials.
   */
  public SecretManagerServiceSettings settings() {
    try {
      return SecretManagerServiceSettings.newBuilder()
          .setCredentialsProvider(NoCredentialsProvider.create())
          .setTransportChannelProvider(
              FixedTransportChannelProvider.create(
                  GrpcTransportChannel.create(
                      InProcessChannelBuilder.forName(serverName).directExecutor().build())))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
