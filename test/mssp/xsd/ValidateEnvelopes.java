// Validates SOAP envelopes against XML schemas with the JDK's own validator (javax.xml.validation, the
// maintained Xerces inside OpenJDK): java ValidateEnvelopes.java schema.xsd... -- envelope.xml...
// Prints one line per invalid file ("INVALID <file>: <reason>") and exits 1 if any, 0 when all are valid.
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

public class ValidateEnvelopes {
  public static void main(String[] args) throws Exception {
    List<Source> schemas = new ArrayList<>();
    List<String> files = new ArrayList<>();
    boolean afterSeparator = false;
    for (String arg : args) {
      if (arg.equals("--")) { afterSeparator = true; continue; }
      if (afterSeparator) files.add(arg); else schemas.add(new StreamSource(new File(arg)));
    }
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Schema schema = factory.newSchema(schemas.toArray(new Source[0]));
    int invalid = 0;
    for (String file : files) {
      Validator validator = schema.newValidator();
      try {
        validator.validate(new StreamSource(new File(file)));
      } catch (org.xml.sax.SAXException e) {
        invalid++;
        System.out.println("INVALID " + file + ": " + e.getMessage());
      }
    }
    System.out.println("checked " + files.size() + ", invalid " + invalid);
    System.exit(invalid == 0 ? 0 : 1);
  }
}
