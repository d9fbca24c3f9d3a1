using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Kata.Core;

/// <summary>
/// Reads what a compiled assembly uses from outside itself, from its metadata and the IL of every method
/// body (no code is loaded or run): every member and type reference with the learner method that uses it,
/// and the forms the kata refuses whatever they call (P/Invoke and other methods without a body, module
/// initializers, function pointers, explicit field layout, typed references). The grader checks these
/// against the allowlist (<see cref="AllowedApi"/>) before any learner code runs.
/// </summary>
public static class CodeUses
{
    private static readonly Lazy<Dictionary<ushort, OperandType>> Operands = new(() =>
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType));

    // Opcodes of IL that C# emits only for undocumented or unverifiable constructs (__arglist, __makeref,
    // calli through a function pointer, jmp).
    private static readonly Dictionary<ushort, string> RefusedOpcodes = new()
    {
        [0xFE00] = "__arglist (a variable argument list)",
        [0x00C6] = "__makeref (a typed reference)",
        [0x00C2] = "__refvalue (a typed reference)",
        [0xFE1D] = "__reftype (a typed reference)",
        [0x0027] = "jmp (a jump into another method)",
    };

    /// <summary>Every use in the assembly at <paramref name="path"/> (its PDB beside it, when there is one, gives the lines).</summary>
    public static IReadOnlyList<CodeUse> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        using MetadataReaderProvider? pdb = OpenPdb(path);
        var scan = new Scan(md, pe, pdb?.GetMetadataReader());
        scan.Run();
        return scan.Uses;
    }

    private static MetadataReaderProvider? OpenPdb(string path)
    {
        string pdb = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(pdb))
        {
            return null;
        }

        try
        {
            return MetadataReaderProvider.FromPortablePdbStream(File.OpenRead(pdb));
        }
        catch (BadImageFormatException)
        {
            return null; // not a portable PDB: uses are named without lines
        }
    }

    private sealed class Scan(MetadataReader md, PEReader pe, MetadataReader? pdb)
    {
        private readonly HashSet<(string, string?, string, string?, string?)> _seen = [];
        private readonly HashSet<string> _learnerTypes = new(StringComparer.Ordinal);
        private bool _exempt;

        public List<CodeUse> Uses { get; } = [];

        public void Run()
        {
            // Types of the learner's other checkpoints are the learner's own code, not uses.
            foreach (TypeReferenceHandle t in md.TypeReferences)
            {
                if (IsLearnerAssembly(RootScope(t)))
                {
                    _learnerTypes.Add(TypeName(t));
                }
            }

            foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(typeHandle);
                // The compiler's own helpers (inline arrays, string switches): no learner code is in there, and
                // what they use is the compiler's business.
                _exempt = IsCompilerHelpers(type);

                string typeSite = SiteOfType(typeHandle);
                bool isModule = md.GetString(type.Name) == "<Module>" && type.GetDeclaringType().IsNil;
                if (isModule && type.GetMethods().Any(m => md.GetString(md.GetMethodDefinition(m).Name) == ".cctor"))
                {
                    AddStructural("the assembly", null, "a module initializer (code that runs as soon as the assembly is touched, before any test calls it)");
                }

                if ((type.Attributes & TypeAttributes.LayoutMask) == TypeAttributes.ExplicitLayout)
                {
                    AddStructural(typeSite, null, "explicit field layout ([StructLayout(LayoutKind.Explicit)] and [FieldOffset]: fields laid over each other reinterpret memory)");
                }

                if (!type.BaseType.IsNil)
                {
                    UseEntity(type.BaseType, typeSite, null);
                }

                foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
                {
                    UseEntity(md.GetInterfaceImplementation(i).Interface, typeSite, null);
                }

                Attributes(type.GetCustomAttributes(), typeSite, null);
                GenericParameters(type.GetGenericParameters(), typeSite);

                foreach (FieldDefinitionHandle f in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(f);
                    UseSignature(field.Signature, Sig.Field, typeSite, null);
                    Attributes(field.GetCustomAttributes(), typeSite, null);
                }

                foreach (PropertyDefinitionHandle p in type.GetProperties())
                {
                    PropertyDefinition property = md.GetPropertyDefinition(p);
                    UseSignature(property.Signature, Sig.Method, typeSite, null);
                    Attributes(property.GetCustomAttributes(), typeSite, null);
                }

                foreach (EventDefinitionHandle e in type.GetEvents())
                {
                    EventDefinition ev = md.GetEventDefinition(e);
                    UseEntity(ev.Type, typeSite, null);
                    Attributes(ev.GetCustomAttributes(), typeSite, null);
                }

                foreach (MethodImplementationHandle m in type.GetMethodImplementations())
                {
                    MethodImplementation impl = md.GetMethodImplementation(m);
                    UseEntity(impl.MethodDeclaration, typeSite, null);
                }

                foreach (MethodDefinitionHandle m in type.GetMethods())
                {
                    Method(m);
                }
            }

            // Attributes of the assembly and module. (A reference that no method body, signature or attribute
            // uses cannot be reached, so the tables are not read on their own.)
            _exempt = false;
            Attributes(md.GetAssemblyDefinition().GetCustomAttributes(), "the assembly", null);
            Attributes(md.GetModuleDefinition().GetCustomAttributes(), "the assembly", null);
            foreach (MethodDefinitionHandle m in md.MethodDefinitions)
            {
                if (!md.GetMethodDefinition(m).GetImport().Module.IsNil)
                {
                    AddStructural(SiteOfMethod(m), Line(m, 0), "a P/Invoke ([DllImport], a call into native code)");
                }
            }
        }

        // <PrivateImplementationDetails> and the types nested in it: what C# fills with its own helpers and
        // constant data (inline-array accessors, string-switch hashing, static array data of explicit size).
        private bool IsCompilerHelpers(TypeDefinition type)
        {
            while (!type.GetDeclaringType().IsNil)
            {
                type = md.GetTypeDefinition(type.GetDeclaringType());
            }

            return type.Namespace.IsNil && md.GetString(type.Name) == "<PrivateImplementationDetails>";
        }

        private void Method(MethodDefinitionHandle handle)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            string site = SiteOfMethod(handle);
            string? first = Line(handle, null);
            UseSignature(method.Signature, Sig.Method, site, first);
            Attributes(method.GetCustomAttributes(), site, first);
            GenericParameters(method.GetGenericParameters(), site);
            foreach (ParameterHandle p in method.GetParameters())
            {
                Attributes(md.GetParameter(p).GetCustomAttributes(), site, first);
            }

            bool noBody = method.RelativeVirtualAddress == 0;
            bool runtime = (method.ImplAttributes & MethodImplAttributes.CodeTypeMask) == MethodImplAttributes.Runtime;
            if (noBody && (method.Attributes & MethodAttributes.Abstract) == 0 && !runtime && method.GetImport().Module.IsNil)
            {
                AddStructural(site, first, "a method without a body (extern: the runtime would supply it, outside your code)");
            }

            if (noBody)
            {
                return;
            }

            MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                StandaloneSignature locals = md.GetStandaloneSignature(body.LocalSignature);
                UseSignature(locals.Signature, Sig.Locals, site, first);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                if (!region.CatchType.IsNil)
                {
                    UseEntity(region.CatchType, site, first);
                }
            }

            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                int offset = il.Offset;
                ushort code = il.ReadByte();
                if (code == 0xFE)
                {
                    code = (ushort)(0xFE00 | il.ReadByte());
                }

                if (RefusedOpcodes.TryGetValue(code, out string? what))
                {
                    AddStructural(site, Line(handle, offset), what);
                }

                if (!Operands.Value.TryGetValue(code, out OperandType operand))
                {
                    return; // not IL we know: stop rather than misread (the refused forms above come first)
                }

                switch (operand)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        UseEntity(MetadataTokens.EntityHandle(il.ReadInt32()), site, Line(handle, offset));
                        break;
                    case OperandType.InlineSig:
                        il.ReadInt32();
                        AddStructural(site, Line(handle, offset), "a call through a function pointer (calli)");
                        break;
                    case OperandType.InlineSwitch:
                        int count = il.ReadInt32();
                        il.Offset += 4 * count;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.InlineString or OperandType.ShortInlineR:
                        il.Offset += 4;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    default:
                        break;
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, string site, string? location)
        {
            foreach (CustomAttributeHandle a in attributes)
            {
                UseEntity(md.GetCustomAttribute(a).Constructor, site, location);
            }
        }

        private void GenericParameters(GenericParameterHandleCollection parameters, string site)
        {
            foreach (GenericParameterHandle g in parameters)
            {
                foreach (GenericParameterConstraintHandle c in md.GetGenericParameter(g).GetConstraints())
                {
                    UseEntity(md.GetGenericParameterConstraint(c).Type, site, null);
                }
            }
        }

        // A reference from a token: a type, a member, a generic instantiation. Own definitions are not uses.
        private void UseEntity(EntityHandle handle, string site, string? location)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeReference:
                    Add(TypeName((TypeReferenceHandle)handle), null, site, location);
                    break;
                case HandleKind.TypeSpecification:
                    UseSignature(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature, Sig.Type, site, location);
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = md.GetMemberReference((MemberReferenceHandle)handle);
                    string name = md.GetString(member.Name);
                    string? owner = member.Parent.Kind switch
                    {
                        HandleKind.TypeReference => TypeName((TypeReferenceHandle)member.Parent),
                        HandleKind.TypeSpecification => DecodeTypeSpec((TypeSpecificationHandle)member.Parent, site, location),
                        _ => null, // a member of an own type (vararg) or of a module: its signature is checked below
                    };
                    if (member.Parent.Kind == HandleKind.ModuleReference)
                    {
                        AddStructural(site, location, "a global function of another module (native code)");
                    }

                    if (owner is not null)
                    {
                        Add(owner, name, site, location);
                    }

                    // The types in the member's own signature come with it: allowing the member allows them.
                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    UseEntity(spec.Method, site, location);
                    UseSignature(spec.Signature, Sig.MethodSpec, site, location);
                    break;
                case HandleKind.StandaloneSignature:
                    AddStructural(site, location, "a call through a function pointer (calli)");
                    break;
                default:
                    break; // own types, methods and fields
            }
        }

        private string? DecodeTypeSpec(TypeSpecificationHandle handle, string site, string? location) =>
            UseSignature(md.GetTypeSpecification(handle).Signature, Sig.Type, site, location);

        private enum Sig
        {
            Field,
            Method,
            Locals,
            Type,
            MethodSpec,
        }

        // Notes every type a signature names; for a type signature, returns the referenced (generic) type's name.
        private string? UseSignature(BlobHandle blob, Sig kind, string site, string? location)
        {
            Provider.Found.Clear();
            var decoder = new SignatureDecoder<SignatureName, object?>(Provider, md, null);
            BlobReader reader = md.GetBlobReader(blob);
            string? reference = null;
            switch (kind)
            {
                case Sig.Field:
                    decoder.DecodeFieldSignature(ref reader);
                    break;
                case Sig.Method:
                    decoder.DecodeMethodSignature(ref reader);
                    break;
                case Sig.Locals:
                    decoder.DecodeLocalSignature(ref reader);
                    break;
                case Sig.MethodSpec:
                    decoder.DecodeMethodSpecificationSignature(ref reader);
                    break;
                default:
                    reference = decoder.DecodeType(ref reader).Reference;
                    break;
            }

            foreach (string found in Provider.Found.ToList())
            {
                if (found == SignatureProvider.FunctionPointer)
                {
                    AddStructural(site, location, "a function pointer (delegate*, a call to an address)");
                }
                else if (found == SignatureProvider.TypedReference)
                {
                    AddStructural(site, location, "a typed reference (TypedReference)");
                }
                else
                {
                    Add(found, null, site, location);
                }
            }

            return reference;
        }

        private SignatureProvider Provider => _provider ??= new SignatureProvider(md);

        private SignatureProvider? _provider;

        private void Add(string type, string? member, string site, string? location)
        {
            if (_exempt || _learnerTypes.Contains(type))
            {
                return;
            }

            if (_seen.Add((type, member, site, location, null)))
            {
                Uses.Add(new CodeUse(type, member, site, location));
            }
        }

        private void AddStructural(string site, string? location, string why)
        {
            if (_exempt)
            {
                return;
            }

            if (_seen.Add((string.Empty, null, site, location, why)))
            {
                Uses.Add(new CodeUse(string.Empty, null, site, location, why));
            }
        }

        private string TypeName(TypeReferenceHandle handle) => SignatureProvider.Name(md, handle);

        private EntityHandle RootScope(TypeReferenceHandle handle)
        {
            EntityHandle scope = md.GetTypeReference(handle).ResolutionScope;
            return scope.Kind == HandleKind.TypeReference ? RootScope((TypeReferenceHandle)scope) : scope;
        }

        private bool IsLearnerAssembly(EntityHandle scope) =>
            scope.Kind == HandleKind.AssemblyReference
            && md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name).StartsWith("Checkpoint", StringComparison.Ordinal);

        // "Network.Forward" for a method, a lambda or local function inside it, or a state machine made from it.
        private string SiteOfMethod(MethodDefinitionHandle handle)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            string name = md.GetString(method.Name);
            string? inner = Speakable(name);
            TypeDefinitionHandle typeHandle = method.GetDeclaringType();
            (string type, string? fromType) = SpeakableType(typeHandle);
            string member = inner ?? fromType ?? name;
            member = member switch
            {
                ".ctor" => "(constructor)",
                ".cctor" => "(static constructor)",
                _ when member.StartsWith("get_", StringComparison.Ordinal) || member.StartsWith("set_", StringComparison.Ordinal) => member[4..],
                _ => member,
            };
            return member.StartsWith('(') ? $"{type} {member}" : $"{type}.{member}";
        }

        private string SiteOfType(TypeDefinitionHandle handle)
        {
            (string type, string? method) = SpeakableType(handle);
            return method is null ? type : $"{type}.{method}";
        }

        // A type as a learner names it: compiler-made nested types (closures, state machines) become their
        // enclosing type, and the method they came from when their name tells it ("<Forward>d__3").
        private (string Type, string? Method) SpeakableType(TypeDefinitionHandle handle)
        {
            string? method = null;
            var names = new List<string>();
            for (TypeDefinitionHandle h = handle; !h.IsNil; h = md.GetTypeDefinition(h).GetDeclaringType())
            {
                TypeDefinition t = md.GetTypeDefinition(h);
                string name = md.GetString(t.Name);
                if (name.StartsWith('<'))
                {
                    method ??= Speakable(name);
                    continue;
                }

                names.Insert(0, name);
                if (t.GetDeclaringType().IsNil)
                {
                    string ns = md.GetString(t.Namespace);
                    if (ns.Length > 0 && ns != "NeuralNet")
                    {
                        names.Insert(0, ns);
                    }
                }
            }

            return (names.Count == 0 ? "(compiler-generated code)" : string.Join('.', names), method);
        }

        // "<Forward>b__3_0" → "Forward"; "<Forward>g__Local|3_0" → "Forward"; a plain name → null.
        private static string? Speakable(string name)
        {
            if (!name.StartsWith('<'))
            {
                return null;
            }

            int end = name.IndexOf('>', StringComparison.Ordinal);
            return end > 1 ? name[1..end] : null;
        }

        // The file and line of the IL at offset (null: the method's first line), from the portable PDB.
        private string? Line(MethodDefinitionHandle handle, int? offset)
        {
            if (pdb is null)
            {
                return null;
            }

            try
            {
                SequencePoint? best = null;
                foreach (SequencePoint point in pdb.GetMethodDebugInformation(handle).GetSequencePoints())
                {
                    if (point.IsHidden)
                    {
                        continue;
                    }

                    if (offset is null)
                    {
                        best = point;
                        break;
                    }

                    if (point.Offset <= offset && (best is null || point.Offset >= best.Value.Offset))
                    {
                        best = point;
                    }
                }

                if (best is not { } found)
                {
                    return null;
                }

                string file = pdb.GetString(pdb.GetDocument(found.Document).Name).Replace('\\', '/');
                foreach (string track in (string[])["/exercises/", "/solutions/"])
                {
                    int at = file.LastIndexOf(track, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        file = file[(at + 1)..];
                        break;
                    }
                }

                return $"{file}:line {found.StartLine}";
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }
    }

    /// <summary>A decoded signature type: its display name and, for a reference or an instantiation of one, the referenced type's name.</summary>
    private readonly record struct SignatureName(string Name, string? Reference);

    // Decodes signatures into names, noting every referenced type (and function pointers) in Found.
    private sealed class SignatureProvider(MetadataReader md) : ISignatureTypeProvider<SignatureName, object?>
    {
        public const string FunctionPointer = "(function pointer)";
        public const string TypedReference = "(typed reference)";

        public HashSet<string> Found { get; } = new(StringComparer.Ordinal);

        public static string Name(MetadataReader md, TypeReferenceHandle handle)
        {
            TypeReference reference = md.GetTypeReference(handle);
            string name = md.GetString(reference.Name);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return Name(md, (TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
            }

            string ns = md.GetString(reference.Namespace);
            return ns.Length == 0 ? name : $"{ns}.{name}";
        }

        public SignatureName GetArrayType(SignatureName elementType, ArrayShape shape) => elementType;

        public SignatureName GetByReferenceType(SignatureName elementType) => elementType;

        public SignatureName GetFunctionPointerType(MethodSignature<SignatureName> signature)
        {
            Found.Add(FunctionPointer);
            return new SignatureName(FunctionPointer, null);
        }

        public SignatureName GetGenericInstantiation(SignatureName genericType, ImmutableArray<SignatureName> typeArguments) => genericType;

        public SignatureName GetGenericMethodParameter(object? genericContext, int index) => new("!!" + index, null);

        public SignatureName GetGenericTypeParameter(object? genericContext, int index) => new("!" + index, null);

        public SignatureName GetModifiedType(SignatureName modifier, SignatureName unmodifiedType, bool isRequired) => unmodifiedType;

        public SignatureName GetPinnedType(SignatureName elementType) => elementType;

        public SignatureName GetPointerType(SignatureName elementType) => elementType;

        public SignatureName GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            if (typeCode == PrimitiveTypeCode.TypedReference)
            {
                Found.Add(TypedReference);
            }

            return new SignatureName(typeCode.ToString(), null);
        }

        public SignatureName GetSZArrayType(SignatureName elementType) => elementType;

        public SignatureName GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            new(reader.GetString(reader.GetTypeDefinition(handle).Name), null);

        public SignatureName GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            string name = Name(md, handle);
            Found.Add(name);
            return new SignatureName(name, name);
        }

        public SignatureName GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
