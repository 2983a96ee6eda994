use stepfn::prelude::*;

#[derive(schemars::JsonSchema)]
pub struct D { pub ns: Vec<u64> }

#[workflow(W, data = D)]
mod w {
    #[map(items = $.ns, item = u64, processor = each, distributed, item_reader(s3_object, bucket = Items, key = "items.xml", input_type = xml), end)]
    pub struct Each;
    mod each {
        #[succeed]
        pub struct One;
    }
}

fn main() {}
